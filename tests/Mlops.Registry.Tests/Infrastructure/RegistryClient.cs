using System.Security.Cryptography;
using Google.Protobuf;
using Mlops.Grpc;
using Mlops.Grpc.Client;
using Mlops.Registry.V1;

namespace Mlops.Registry.Tests.Infrastructure;

/// <summary>The registry's methods through our gRPC client, over real h2c, as a user "tester" in Development.</summary>
public sealed class RegistryClient(GrpcChannel channel)
{
    public const string User = "tester";

    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = RegistryReflection.Descriptor.Services[0];
    private static readonly Method<CreateModelRequest, Model> CreateModelMethod = Method<CreateModelRequest, Model>.FromDescriptor(Service.FindMethodByName("CreateModel"));
    private static readonly Method<GetModelRequest, Model> GetModelMethod = Method<GetModelRequest, Model>.FromDescriptor(Service.FindMethodByName("GetModel"));
    private static readonly Method<ListModelsRequest, ListModelsResponse> ListModelsMethod =
        Method<ListModelsRequest, ListModelsResponse>.FromDescriptor(Service.FindMethodByName("ListModels"));
    private static readonly Method<CreateModelVersionRequest, ModelVersion> CreateModelVersionMethod =
        Method<CreateModelVersionRequest, ModelVersion>.FromDescriptor(Service.FindMethodByName("CreateModelVersion"));
    private static readonly Method<GetModelVersionRequest, ModelVersion> GetModelVersionMethod =
        Method<GetModelVersionRequest, ModelVersion>.FromDescriptor(Service.FindMethodByName("GetModelVersion"));
    private static readonly Method<DownloadModelVersionArtifactRequest, ArtifactChunk> DownloadMethod =
        Method<DownloadModelVersionArtifactRequest, ArtifactChunk>.FromDescriptor(Service.FindMethodByName("DownloadModelVersionArtifact"));

    private static readonly Method<UpdateModelRequest, Model> UpdateModelMethod = Method<UpdateModelRequest, Model>.FromDescriptor(Service.FindMethodByName("UpdateModel"));
    private static readonly Method<UpdateModelVersionRequest, ModelVersion> UpdateModelVersionMethod =
        Method<UpdateModelVersionRequest, ModelVersion>.FromDescriptor(Service.FindMethodByName("UpdateModelVersion"));
    private static readonly Method<ListModelVersionsRequest, ListModelVersionsResponse> ListModelVersionsMethod =
        Method<ListModelVersionsRequest, ListModelVersionsResponse>.FromDescriptor(Service.FindMethodByName("ListModelVersions"));
    private static readonly Method<SearchModelsRequest, SearchModelsResponse> SearchModelsMethod =
        Method<SearchModelsRequest, SearchModelsResponse>.FromDescriptor(Service.FindMethodByName("SearchModels"));
    private static readonly Method<SearchModelVersionsRequest, SearchModelVersionsResponse> SearchModelVersionsMethod =
        Method<SearchModelVersionsRequest, SearchModelVersionsResponse>.FromDescriptor(Service.FindMethodByName("SearchModelVersions"));

    private static readonly Google.Protobuf.Reflection.ServiceDescriptor WorkspacesService = WorkspacesReflection.Descriptor.Services[0];
    private static readonly Method<CreateWorkspaceRequest, Workspace> CreateWorkspaceMethod =
        Method<CreateWorkspaceRequest, Workspace>.FromDescriptor(WorkspacesService.FindMethodByName("CreateWorkspace"));
    private static readonly Method<GetWorkspaceRequest, Workspace> GetWorkspaceMethod =
        Method<GetWorkspaceRequest, Workspace>.FromDescriptor(WorkspacesService.FindMethodByName("GetWorkspace"));
    private static readonly Method<ListWorkspacesRequest, ListWorkspacesResponse> ListWorkspacesMethod =
        Method<ListWorkspacesRequest, ListWorkspacesResponse>.FromDescriptor(WorkspacesService.FindMethodByName("ListWorkspaces"));
    private static readonly Method<ListAuditEntriesRequest, ListAuditEntriesResponse> ListAuditEntriesMethod =
        Method<ListAuditEntriesRequest, ListAuditEntriesResponse>.FromDescriptor(AuditReflection.Descriptor.Services[0].FindMethodByName("ListAuditEntries"));

    public static CallOptions Options(CancellationToken cancellationToken = default) =>
        CallOptions.WithTimeout(TimeSpan.FromSeconds(60), new Metadata().Add("x-mlops-user", User), cancellationToken);

    public async Task<Model> CreateModelAsync(CreateModelRequest request) => await channel.UnaryAsync(CreateModelMethod, request, Options());

    /// <summary>Creates the model, and first its workspace when it names one that does not exist yet.</summary>
    public async Task<Model> CreateModelAsync(string name, string workspace = "")
    {
        await EnsureWorkspaceAsync(workspace);
        return await CreateModelAsync(new CreateModelRequest { Workspace = workspace, Name = name });
    }

    public async Task<Workspace> CreateWorkspaceAsync(CreateWorkspaceRequest request) => await channel.UnaryAsync(CreateWorkspaceMethod, request, Options());

    public async Task EnsureWorkspaceAsync(string workspace)
    {
        try
        {
            await CreateWorkspaceAsync(new CreateWorkspaceRequest { Name = workspace });
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists || workspace.Length == 0)
        {
        }
    }

    public async Task<Workspace> GetWorkspaceAsync(string name) => await channel.UnaryAsync(GetWorkspaceMethod, new GetWorkspaceRequest { Name = name }, Options());

    public async Task<ListWorkspacesResponse> ListWorkspacesAsync(int pageSize, string pageToken = "") =>
        await channel.UnaryAsync(ListWorkspacesMethod, new ListWorkspacesRequest { PageSize = pageSize, PageToken = pageToken }, Options());

    public async Task<ListAuditEntriesResponse> ListAuditEntriesAsync(ListAuditEntriesRequest request) =>
        await channel.UnaryAsync(ListAuditEntriesMethod, request, Options());

    public async Task<Model> GetModelAsync(string name, string workspace = "") =>
        await channel.UnaryAsync(GetModelMethod, new GetModelRequest { Workspace = workspace, Name = name }, Options());

    public async Task<ListModelsResponse> ListModelsAsync(string workspace, int pageSize, string pageToken = "") =>
        await channel.UnaryAsync(ListModelsMethod, new ListModelsRequest { Workspace = workspace, PageSize = pageSize, PageToken = pageToken }, Options());

    public async Task<ModelVersion> GetModelVersionAsync(string modelName, int version, string workspace = "") =>
        await channel.UnaryAsync(GetModelVersionMethod, new GetModelVersionRequest { Workspace = workspace, ModelName = modelName, Version = version }, Options());

    /// <summary>Sends the messages as given: a header, chunks, or anything a misbehaving client might send.</summary>
    public async Task<ModelVersion> CreateModelVersionAsync(IEnumerable<CreateModelVersionRequest> messages, CancellationToken cancellationToken = default)
    {
        using var call = channel.ClientStreaming(CreateModelVersionMethod, Options(cancellationToken));
        try
        {
            foreach (var message in messages)
            {
                await call.RequestStream.WriteAsync(message, cancellationToken);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or ObjectDisposedException or IOException)
        {
            // The server ended the call early (a refused header); its status is in the response. Depending on when the
            // end arrives, a write still under way fails as an RpcException or on the closed HTTP/2 stream.
        }

        return await call.ResponseAsync;
    }

    /// <summary>Uploads <paramref name="artifact"/> in chunks of <paramref name="chunkSize"/> after a header claiming its real digest and size.</summary>
    public Task<ModelVersion> UploadAsync(string modelName, byte[] artifact, int chunkSize = 1024 * 1024, string workspace = "") =>
        CreateModelVersionAsync(Messages(Header(modelName, artifact, workspace), artifact, chunkSize));

    public static ModelVersionHeader Header(string modelName, byte[] artifact, string workspace = "") => new()
    {
        Workspace = workspace,
        ModelName = modelName,
        ArtifactSha256 = Sha256(artifact),
        ArtifactSizeBytes = artifact.Length,
        ArtifactFileName = "model.onnx",
        Description = "a test model",
        Tags = { ["framework"] = "onnx" },
    };

    public static IEnumerable<CreateModelVersionRequest> Messages(ModelVersionHeader header, byte[] artifact, int chunkSize)
    {
        yield return new CreateModelVersionRequest { Header = header };
        for (var offset = 0; offset < artifact.Length; offset += chunkSize)
        {
            yield return new CreateModelVersionRequest { Chunk = ByteString.CopyFrom(artifact, offset, Math.Min(chunkSize, artifact.Length - offset)) };
        }
    }

    /// <summary>The artifact's chunks, in order, as they arrived.</summary>
    public async Task<List<byte[]>> DownloadAsync(string modelName, int version, string workspace = "")
    {
        using var call = channel.ServerStreaming(
            DownloadMethod,
            new DownloadModelVersionArtifactRequest { Workspace = workspace, ModelName = modelName, Version = version },
            Options());
        var chunks = new List<byte[]>();
        while (await call.ResponseStream.MoveNext())
        {
            chunks.Add(call.ResponseStream.Current.Data.ToByteArray());
        }

        return chunks;
    }

    public async Task<Model> UpdateModelAsync(UpdateModelRequest request) => await channel.UnaryAsync(UpdateModelMethod, request, Options());

    public async Task<ModelVersion> UpdateModelVersionAsync(UpdateModelVersionRequest request) => await channel.UnaryAsync(UpdateModelVersionMethod, request, Options());

    public async Task<ListModelVersionsResponse> ListModelVersionsAsync(ListModelVersionsRequest request) =>
        await channel.UnaryAsync(ListModelVersionsMethod, request, Options());

    public async Task<SearchModelsResponse> SearchModelsAsync(SearchModelsRequest request) => await channel.UnaryAsync(SearchModelsMethod, request, Options());

    public async Task<SearchModelVersionsResponse> SearchModelVersionsAsync(SearchModelVersionsRequest request) =>
        await channel.UnaryAsync(SearchModelVersionsMethod, request, Options());

    /// <summary>Registers a small artifact under <paramref name="header"/>, whose digest and size are filled in for it.</summary>
    public Task<ModelVersion> UploadAsync(ModelVersionHeader header, byte[]? artifact = null)
    {
        artifact ??= RandomArtifact(64);
        header.ArtifactSha256 = Sha256(artifact);
        header.ArtifactSizeBytes = artifact.Length;
        return CreateModelVersionAsync(Messages(header, artifact, 1024 * 1024));
    }

    public static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static byte[] RandomArtifact(int length)
    {
        var data = new byte[length];
        Random.Shared.NextBytes(data);
        return data;
    }
}
