using System.Buffers;
using System.Runtime.CompilerServices;
using Google.Protobuf.WellKnownTypes;
using Mlops.Grpc;
using Mlops.Grpc.Server;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Approvals;
using Mlops.Registry.Application.Uploads;
using Mlops.Registry.Application.Versions;
using Mlops.Registry.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mlops.Registry.Grpc;

/// <summary>mlops.registry.v1.ModelRegistry: the contract's messages in and out, the use cases in between.</summary>
public sealed class ModelRegistryService(
    ModelUseCases models,
    ModelVersionUseCases versions,
    ModelVersionUploadUseCases uploads,
    ModelDeletionUseCases deletion,
    UpdateUseCases updates,
    SearchUseCases search) : IGrpcService
{
    /// <summary>The contract caps download chunks at 1 MiB.</summary>
    public const int DownloadChunkSize = 1024 * 1024;

    public static ServiceDescriptor Descriptor => RegistryReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ModelRegistry");

    public async Task<Model> CreateModel(CreateModelRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return (await models.CreateAsync(request.ToApplication(), context.CancellationToken).ConfigureAwait(false)).ToProto();
    }

    public async Task<Model> GetModel(GetModelRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return (await models.GetAsync(request.Workspace, request.Name, context.CancellationToken).ConfigureAwait(false)).ToProto();
    }

    public async Task<ListModelsResponse> ListModels(ListModelsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var page = await models.ListAsync(request.Workspace, request.PageSize, request.PageToken, context.CancellationToken).ConfigureAwait(false);
        var response = new ListModelsResponse { NextPageToken = page.NextPageToken };
        response.Models.AddRange(page.Models.Select(model => model.ToProto()));
        return response;
    }

    public async Task<ModelVersion> CreateModelVersion(IAsyncStreamReader<CreateModelVersionRequest> requestStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        if (!await requestStream.MoveNext(cancellationToken).ConfigureAwait(false)
            || requestStream.Current.PayloadCase != CreateModelVersionRequest.PayloadOneofCase.Header)
        {
            throw RegistryException.Invalid("The first message of CreateModelVersion must be the header.");
        }

        var header = requestStream.Current.Header.ToApplication();
        var version = await uploads.CreateAsync(header, Parts(requestStream, cancellationToken), cancellationToken).ConfigureAwait(false);
        return version.ToProto();
    }

    public async Task<ModelVersion> GetModelVersion(GetModelVersionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return (await versions.GetAsync(request.Workspace, request.ModelName, request.Version, context.CancellationToken).ConfigureAwait(false)).ToProto();
    }

    public async Task DownloadModelVersionArtifact(
        DownloadModelVersionArtifactRequest request,
        IServerStreamWriter<ArtifactChunk> responseStream,
        ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        var download = await versions.PlanDownloadAsync(request.Workspace, request.ModelName, request.Version, request.Path, cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(DownloadChunkSize);
        try
        {
            foreach (var file in download.Files)
            {
                if (download.AnnounceFiles)
                {
                    await responseStream.WriteAsync(new ArtifactChunk { File = file.ToProto() }, cancellationToken).ConfigureAwait(false);
                }

                var content = await versions.OpenFileAsync(file, cancellationToken).ConfigureAwait(false);
                await using (content.ConfigureAwait(false))
                {
                    int read;
                    while ((read = await content.ReadAtLeastAsync(buffer.AsMemory(0, DownloadChunkSize), DownloadChunkSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        await responseStream.WriteAsync(ProtoMapping.ToChunk(buffer.AsSpan(0, read)), cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<Empty> DeleteModel(DeleteModelRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        await deletion.DeleteAsync(request.Workspace, request.Name, context.CancellationToken).ConfigureAwait(false);
        return new Empty();
    }

    public async Task<Model> UpdateModel(UpdateModelRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var changes = new ModelChanges(
            request.Workspace, request.Name, request.HasDescription ? request.Description : null, request.SetTags, request.RemoveTags, request.Etag);
        return (await updates.UpdateModelAsync(changes, context.CancellationToken).ConfigureAwait(false)).ToProto();
    }

    public async Task<ModelVersion> UpdateModelVersion(UpdateModelVersionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var changes = new ModelVersionChanges(
            request.Workspace,
            request.ModelName,
            request.Version,
            request.HasDescription ? request.Description : null,
            request.SetTags,
            request.RemoveTags,
            request.AddMetrics,
            request.Etag);
        return (await updates.UpdateVersionAsync(changes, context.CancellationToken).ConfigureAwait(false)).ToProto();
    }

    public async Task<ListModelVersionsResponse> ListModelVersions(ListModelVersionsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var page = await search.ListVersionsAsync(request.Workspace, request.ModelName, request.PageSize, request.PageToken, VersionSize, context.CancellationToken)
            .ConfigureAwait(false);
        var response = new ListModelVersionsResponse { NextPageToken = page.NextPageToken };
        response.ModelVersions.AddRange(page.Items.Select(version => version.ToProto()));
        return response;
    }

    public async Task<SearchModelsResponse> SearchModels(SearchModelsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var query = new SearchRequest(request.Workspace, null, request.Filter, request.OrderBy, request.PageSize, request.PageToken);
        var page = await search.SearchModelsAsync(query, model => model.ToProto().CalculateSize(), context.CancellationToken).ConfigureAwait(false);
        var response = new SearchModelsResponse { NextPageToken = page.NextPageToken };
        response.Models.AddRange(page.Items.Select(model => model.ToProto()));
        return response;
    }

    public async Task<SearchModelVersionsResponse> SearchModelVersions(SearchModelVersionsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var query = new SearchRequest(request.Workspace, request.ModelName, request.Filter, request.OrderBy, request.PageSize, request.PageToken);
        var page = await search.SearchVersionsAsync(query, VersionSize, context.CancellationToken).ConfigureAwait(false);
        var response = new SearchModelVersionsResponse { NextPageToken = page.NextPageToken };
        response.ModelVersions.AddRange(page.Items.Select(version => version.ToProto()));
        return response;
    }

    private static int VersionSize(ModelVersionInfo version) => version.ToProto().CalculateSize();

    /// <summary>The messages after the header: chunks, and the announcements of a directory's files.</summary>
    private static async IAsyncEnumerable<UploadPart> Parts(
        IAsyncStreamReader<CreateModelVersionRequest> requestStream,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await requestStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            var message = requestStream.Current;
            yield return message.PayloadCase switch
            {
                CreateModelVersionRequest.PayloadOneofCase.Chunk => UploadPart.Chunk(message.Chunk.Memory),
                CreateModelVersionRequest.PayloadOneofCase.File => UploadPart.StartFile(message.File.ToApplication()),
                _ => throw RegistryException.Invalid("Only the first message of CreateModelVersion may be a header; every later one must be a chunk or a file."),
            };
        }
    }
}
