using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Mlops.Grpc;
using Mlops.Grpc.Client;
using Mlops.Registry.V1;

namespace Mlops.Registry.Tests.Infrastructure;

/// <summary>
/// The registry's methods through our gRPC client, over real h2c, as a user "tester" in Development, or as whoever
/// <see cref="As"/> names.
/// </summary>
public sealed partial class RegistryClient(GrpcChannel channel, string user = RegistryClient.User, string groups = "")
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

    /// <summary>Who this client calls as.</summary>
    public string UserName => user;

    public CallOptions Options(CancellationToken cancellationToken = default)
    {
        var headers = new Metadata().Add("x-mlops-user", user);
        if (groups.Length > 0)
        {
            headers.Add("x-mlops-groups", groups);
        }

        return CallOptions.WithTimeout(TimeSpan.FromSeconds(60), headers, cancellationToken);
    }

    /// <summary>The same registry called as <paramref name="userName"/> ("" for an unidentified caller), member of <paramref name="groupNames"/>.</summary>
    public RegistryClient As(string userName, params string[] groupNames) => new(channel, userName, string.Join(',', groupNames));

    private static readonly Google.Protobuf.Reflection.ServiceDescriptor DatasetService = DatasetsReflection.Descriptor.Services[0];
    private static readonly Method<CreateDatasetRequest, Dataset> CreateDatasetMethod =
        Method<CreateDatasetRequest, Dataset>.FromDescriptor(DatasetService.FindMethodByName("CreateDataset"));
    private static readonly Method<GetDatasetRequest, Dataset> GetDatasetMethod =
        Method<GetDatasetRequest, Dataset>.FromDescriptor(DatasetService.FindMethodByName("GetDataset"));
    private static readonly Method<ListDatasetsRequest, ListDatasetsResponse> ListDatasetsMethod =
        Method<ListDatasetsRequest, ListDatasetsResponse>.FromDescriptor(DatasetService.FindMethodByName("ListDatasets"));
    private static readonly Method<UpdateDatasetRequest, Dataset> UpdateDatasetMethod =
        Method<UpdateDatasetRequest, Dataset>.FromDescriptor(DatasetService.FindMethodByName("UpdateDataset"));
    private static readonly Method<CreateDatasetVersionRequest, DatasetVersion> CreateDatasetVersionMethod =
        Method<CreateDatasetVersionRequest, DatasetVersion>.FromDescriptor(DatasetService.FindMethodByName("CreateDatasetVersion"));
    private static readonly Method<GetDatasetVersionRequest, DatasetVersion> GetDatasetVersionMethod =
        Method<GetDatasetVersionRequest, DatasetVersion>.FromDescriptor(DatasetService.FindMethodByName("GetDatasetVersion"));
    private static readonly Method<ListDatasetVersionsRequest, ListDatasetVersionsResponse> ListDatasetVersionsMethod =
        Method<ListDatasetVersionsRequest, ListDatasetVersionsResponse>.FromDescriptor(DatasetService.FindMethodByName("ListDatasetVersions"));
    private static readonly Method<DownloadDatasetVersionRequest, ArtifactChunk> DownloadDatasetVersionMethod =
        Method<DownloadDatasetVersionRequest, ArtifactChunk>.FromDescriptor(DatasetService.FindMethodByName("DownloadDatasetVersion"));

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

    /// <summary>An upload the test writes to itself, message by message, and may leave open (to kill the server under it).</summary>
    public AsyncClientStreamingCall<CreateModelVersionRequest, ModelVersion> OpenUpload(CancellationToken cancellationToken = default) =>
        channel.ClientStreaming(CreateModelVersionMethod, Options(cancellationToken));

    /// <summary>Uploads a directory artifact: each file announced, then its chunks, after a header with the manifest's digest.</summary>
    public Task<ModelVersion> UploadDirectoryAsync(string modelName, IReadOnlyList<(string Path, byte[] Content)> files, int chunkSize = 1024 * 1024, string workspace = "") =>
        CreateModelVersionAsync(DirectoryMessages(DirectoryHeader(modelName, files, workspace), files, chunkSize));

    public static ModelVersionHeader DirectoryHeader(string modelName, IReadOnlyList<(string Path, byte[] Content)> files, string workspace = "") => new()
    {
        Workspace = workspace,
        ModelName = modelName,
        ArtifactSha256 = ManifestSha256(files.Select(file => (file.Path, Sha256(file.Content)))),
        ArtifactSizeBytes = files.Sum(file => (long)file.Content.Length),
        ArtifactFileName = "model",
        Description = "a directory",
    };

    public static ArtifactFile FileOf(string path, byte[] content) => new() { Path = path, Sha256 = Sha256(content), SizeBytes = content.Length };

    public static IEnumerable<CreateModelVersionRequest> DirectoryMessages(ModelVersionHeader header, IReadOnlyList<(string Path, byte[] Content)> files, int chunkSize)
    {
        yield return new CreateModelVersionRequest { Header = header };
        foreach (var (path, content) in files)
        {
            yield return new CreateModelVersionRequest { File = FileOf(path, content) };
            foreach (var message in Messages(header, content, chunkSize).Skip(1))
            {
                yield return message;
            }
        }
    }

    /// <summary>
    /// The digest of a directory as registry.proto defines it, computed here independently of the server: the lines
    /// "&lt;sha256&gt;  &lt;path&gt;\n" ordered by the paths' UTF-8 bytes.
    /// </summary>
    public static string ManifestSha256(IEnumerable<(string Path, string Sha256)> files)
    {
        var lines = files
            .OrderBy(file => Encoding.UTF8.GetBytes(file.Path), Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y)))
            .Select(file => $"{file.Sha256}  {file.Path}\n");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(lines))));
    }

    /// <summary>Every message of a download as it arrived: file announcements and data.</summary>
    public async Task<List<ArtifactChunk>> DownloadMessagesAsync(DownloadModelVersionArtifactRequest request)
    {
        using var call = channel.ServerStreaming(DownloadMethod, request, Options());
        var messages = new List<ArtifactChunk>();
        while (await call.ResponseStream.MoveNext())
        {
            messages.Add(call.ResponseStream.Current);
        }

        return messages;
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

    public async Task<Dataset> CreateDatasetAsync(CreateDatasetRequest request) => await channel.UnaryAsync(CreateDatasetMethod, request, Options());

    /// <summary>Creates the dataset, and first its workspace when it names one that does not exist yet.</summary>
    public async Task<Dataset> CreateDatasetAsync(string name, string workspace = "")
    {
        await EnsureWorkspaceAsync(workspace);
        return await CreateDatasetAsync(new CreateDatasetRequest { Workspace = workspace, Name = name });
    }

    public async Task<Dataset> GetDatasetAsync(string name, string workspace = "") =>
        await channel.UnaryAsync(GetDatasetMethod, new GetDatasetRequest { Workspace = workspace, Name = name }, Options());

    public async Task<ListDatasetsResponse> ListDatasetsAsync(string workspace, int pageSize, string pageToken = "") =>
        await channel.UnaryAsync(ListDatasetsMethod, new ListDatasetsRequest { Workspace = workspace, PageSize = pageSize, PageToken = pageToken }, Options());

    public async Task<Dataset> UpdateDatasetAsync(UpdateDatasetRequest request) => await channel.UnaryAsync(UpdateDatasetMethod, request, Options());

    /// <summary>Sends the messages as given: a header, chunks, or anything a misbehaving client might send.</summary>
    public async Task<DatasetVersion> CreateDatasetVersionAsync(IEnumerable<CreateDatasetVersionRequest> messages, CancellationToken cancellationToken = default)
    {
        using var call = channel.ClientStreaming(CreateDatasetVersionMethod, Options(cancellationToken));
        try
        {
            foreach (var message in messages)
            {
                await call.RequestStream.WriteAsync(message, cancellationToken);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The server ended the call early (a refused header); its status is in the response.
        }

        return await call.ResponseAsync;
    }

    /// <summary>Uploads <paramref name="data"/> after <paramref name="header"/>, in chunks of <paramref name="chunkSize"/>.</summary>
    public Task<DatasetVersion> UploadDatasetAsync(DatasetVersionHeader header, byte[] data, int chunkSize = 1024 * 1024) =>
        CreateDatasetVersionAsync(DatasetMessages(header, data, chunkSize));

    /// <summary>A header claiming the data's real digest and size.</summary>
    public static DatasetVersionHeader DatasetHeader(string datasetName, byte[] data, DatasetFormat format, string workspace = "") => new()
    {
        Workspace = workspace,
        DatasetName = datasetName,
        Format = format,
        ArtifactSha256 = Sha256(data),
        ArtifactSizeBytes = data.Length,
        Description = "a test dataset version",
        Tags = { ["source"] = "tests" },
    };

    public static IEnumerable<CreateDatasetVersionRequest> DatasetMessages(DatasetVersionHeader header, byte[] data, int chunkSize)
    {
        yield return new CreateDatasetVersionRequest { Header = header };
        for (var offset = 0; offset < data.Length; offset += chunkSize)
        {
            yield return new CreateDatasetVersionRequest { Chunk = ByteString.CopyFrom(data, offset, Math.Min(chunkSize, data.Length - offset)) };
        }
    }

    public async Task<DatasetVersion> GetDatasetVersionAsync(string datasetName, int version, string workspace = "") =>
        await channel.UnaryAsync(
            GetDatasetVersionMethod, new GetDatasetVersionRequest { Workspace = workspace, DatasetName = datasetName, Version = version }, Options());

    public async Task<ListDatasetVersionsResponse> ListDatasetVersionsAsync(string datasetName, int pageSize, string pageToken = "", string workspace = "") =>
        await channel.UnaryAsync(
            ListDatasetVersionsMethod,
            new ListDatasetVersionsRequest { Workspace = workspace, DatasetName = datasetName, PageSize = pageSize, PageToken = pageToken },
            Options());

    /// <summary>The file's chunks, in order, as they arrived.</summary>
    public async Task<List<byte[]>> DownloadDatasetVersionAsync(string datasetName, int version, string workspace = "")
    {
        using var call = channel.ServerStreaming(
            DownloadDatasetVersionMethod,
            new DownloadDatasetVersionRequest { Workspace = workspace, DatasetName = datasetName, Version = version },
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
