using System.Buffers;
using System.Runtime.CompilerServices;
using Mlops.Grpc;
using Mlops.Grpc.Server;
using Mlops.Registry.Application;
using Mlops.Registry.Application.Datasets;
using Mlops.Registry.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Mlops.Registry.Grpc;

/// <summary>mlops.registry.v1.DatasetRegistry: the contract's messages in and out, the use cases in between.</summary>
public sealed class DatasetRegistryService(DatasetUseCases datasets, DatasetVersionUseCases versions) : IGrpcService
{
    /// <summary>The contract caps download chunks at 1 MiB.</summary>
    public const int DownloadChunkSize = 1024 * 1024;

    public static ServiceDescriptor Descriptor => DatasetsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("DatasetRegistry");

    public async Task<Dataset> CreateDataset(CreateDatasetRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return (await datasets.CreateAsync(request.ToApplication(), context.CancellationToken).ConfigureAwait(false)).ToProto();
    }

    public async Task<Dataset> GetDataset(GetDatasetRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return (await datasets.GetAsync(request.Workspace, request.Name, context.CancellationToken).ConfigureAwait(false)).ToProto();
    }

    public async Task<ListDatasetsResponse> ListDatasets(ListDatasetsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var page = await datasets.ListAsync(request.Workspace, request.PageSize, request.PageToken, context.CancellationToken).ConfigureAwait(false);
        var response = new ListDatasetsResponse { NextPageToken = page.NextPageToken };
        response.Datasets.AddRange(page.Datasets.Select(dataset => dataset.ToProto()));
        return response;
    }

    public async Task<Dataset> UpdateDataset(UpdateDatasetRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return (await datasets.UpdateAsync(request.ToApplication(), context.CancellationToken).ConfigureAwait(false)).ToProto();
    }

    public async Task<DatasetVersion> CreateDatasetVersion(IAsyncStreamReader<CreateDatasetVersionRequest> requestStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        if (!await requestStream.MoveNext(cancellationToken).ConfigureAwait(false)
            || requestStream.Current.PayloadCase != CreateDatasetVersionRequest.PayloadOneofCase.Header)
        {
            throw RegistryException.Invalid("The first message of CreateDatasetVersion must be the header.");
        }

        var header = requestStream.Current.Header.ToApplication();
        var version = await versions.CreateAsync(header, Chunks(requestStream, cancellationToken), cancellationToken).ConfigureAwait(false);
        return version.ToProto();
    }

    public async Task<DatasetVersion> GetDatasetVersion(GetDatasetVersionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return (await versions.GetAsync(request.Workspace, request.DatasetName, request.Version, context.CancellationToken).ConfigureAwait(false)).ToProto();
    }

    public async Task<ListDatasetVersionsResponse> ListDatasetVersions(ListDatasetVersionsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var page = await versions.ListAsync(request.Workspace, request.DatasetName, request.PageSize, request.PageToken, context.CancellationToken)
            .ConfigureAwait(false);
        var response = new ListDatasetVersionsResponse { NextPageToken = page.NextPageToken };
        response.Versions.AddRange(page.Versions.Select(version => version.ToProto()));
        return response;
    }

    public async Task DownloadDatasetVersion(DownloadDatasetVersionRequest request, IServerStreamWriter<ArtifactChunk> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        var content = await versions.OpenFileAsync(request.Workspace, request.DatasetName, request.Version, cancellationToken).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(DownloadChunkSize);
            try
            {
                int read;
                while ((read = await content.ReadAtLeastAsync(buffer.AsMemory(0, DownloadChunkSize), DownloadChunkSize, throwOnEndOfStream: false, cancellationToken)
                    .ConfigureAwait(false)) > 0)
                {
                    await responseStream.WriteAsync(ProtoMapping.ToChunk(buffer.AsSpan(0, read)), cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>The messages after the header, which must all be chunks.</summary>
    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Chunks(
        IAsyncStreamReader<CreateDatasetVersionRequest> requestStream,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await requestStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            if (requestStream.Current.PayloadCase != CreateDatasetVersionRequest.PayloadOneofCase.Chunk)
            {
                throw RegistryException.Invalid("Only the first message of CreateDatasetVersion may be a header; every later one must be a chunk.");
            }

            yield return requestStream.Current.Chunk.Memory;
        }
    }
}
