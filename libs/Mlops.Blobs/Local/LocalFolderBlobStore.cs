using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Mlops.Blobs.Local;

/// <summary>
/// <see cref="IBlobStore"/> on a local folder, the embedded default when no blob service is
/// configured: one folder per container, a file per blob with its properties and metadata in a
/// JSON sidecar. Every write goes to a temporary file first and is renamed into place, so a
/// reader sees the old bytes or the new ones, never part of a write.
/// </summary>
public sealed class LocalFolderBlobStore : IBlobStore
{
    private const string DefaultContentType = "application/octet-stream";
    private const int MaxPageSize = 5000;
    private const int CopyBufferSize = 1024 * 1024;
    private const int ReadBufferSize = 64 * 1024;

    private static readonly EnumerationOptions ListOptions = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        MatchType = MatchType.Simple,
        MatchCasing = MatchCasing.CaseSensitive,

        // Names that start with '.' are "hidden" to .NET on Unix, and they are blobs all the same.
        AttributesToSkip = 0,
    };

    private readonly TimeProvider _timeProvider;

    public LocalFolderBlobStore(string rootPath, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        RootPath = Path.GetFullPath(rootPath);
        Directory.CreateDirectory(RootPath);
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public string RootPath { get; }

    public Task<bool> CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateContainer(container);
        var path = Path.Combine(RootPath, container);
        if (Directory.Exists(path))
        {
            return Task.FromResult(false);
        }

        Directory.CreateDirectory(path);
        return Task.FromResult(true);
    }

    public async Task<BlobUploadResult> UploadAsync(string container, string blobName, Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateBlob(blobName);
        ArgumentNullException.ThrowIfNull(content);
        options ??= BlobUploadOptions.Default;
        var metadata = BlobMetadata.Normalize(options.Metadata);
        var containerPath = ExistingContainer(container);
        var dataPath = LocalBlobPaths.DataFile(containerPath, blobName);
        Directory.CreateDirectory(Path.GetDirectoryName(dataPath)!);
        var tempData = LocalBlobPaths.TempFile(containerPath, blobName);
        var tempSidecar = LocalBlobPaths.TempFile(containerPath, blobName);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
            try
            {
                var file = new FileStream(tempData, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
                await using (file.ConfigureAwait(false))
                {
                    int read;
                    while ((read = await content.ReadAsync(buffer.AsMemory(0, CopyBufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        size += read;
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            var sidecar = NewSidecar(options.ContentType ?? DefaultContentType, metadata);
            await WriteSidecarAsync(tempSidecar, sidecar, cancellationToken).ConfigureAwait(false);
            File.Move(tempData, dataPath, overwrite: true);
            File.Move(tempSidecar, LocalBlobPaths.SidecarFile(containerPath, blobName), overwrite: true);
            return new BlobUploadResult(container, blobName, size, sidecar.ETag, sidecar.LastModified, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        finally
        {
            File.Delete(tempData);
            File.Delete(tempSidecar);
        }
    }

    public async Task<BlobDownload> OpenReadAsync(string container, string blobName, BlobRange? range = null, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateBlob(blobName);
        var containerPath = ExistingContainer(container);
        var file = OpenData(containerPath, container, blobName);
        try
        {
            var size = file.Length;
            var properties = await ReadPropertiesAsync(containerPath, container, blobName, size, cancellationToken).ConfigureAwait(false);
            var offset = range?.Offset ?? 0;
            if (range is { } r && offset >= size)
            {
                throw new BlobRangeNotSatisfiableException(container, blobName, r, size);
            }

            var length = Math.Min(size - offset, range?.Length ?? long.MaxValue);
            file.Seek(offset, SeekOrigin.Begin);
            return new BlobDownload(new ReadWindowStream(file, length), properties, offset, length);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<BlobProperties> GetPropertiesAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateBlob(blobName);
        var containerPath = ExistingContainer(container);
        var data = new FileInfo(LocalBlobPaths.DataFile(containerPath, blobName));
        if (!data.Exists)
        {
            throw BlobNotFoundException.Blob(container, blobName);
        }

        return await ReadPropertiesAsync(containerPath, container, blobName, data.Length, cancellationToken).ConfigureAwait(false);
    }

    public async Task SetMetadataAsync(string container, string blobName, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateBlob(blobName);
        var normalized = BlobMetadata.Normalize(metadata);
        var containerPath = ExistingContainer(container);
        var dataPath = LocalBlobPaths.DataFile(containerPath, blobName);
        if (!File.Exists(dataPath))
        {
            throw BlobNotFoundException.Blob(container, blobName);
        }

        var current = await ReadSidecarAsync(containerPath, blobName, dataPath, cancellationToken).ConfigureAwait(false);
        var temp = LocalBlobPaths.TempFile(containerPath, blobName);
        try
        {
            await WriteSidecarAsync(temp, NewSidecar(current.ContentType, normalized), cancellationToken).ConfigureAwait(false);
            File.Move(temp, LocalBlobPaths.SidecarFile(containerPath, blobName), overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async Task<BlobPage> ListPageAsync(string container, string? prefix = null, string? continuationToken = null, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        var containerPath = ExistingContainer(container);
        var size = pageSize ?? MaxPageSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(pageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxPageSize, nameof(pageSize));
        var after = continuationToken is null ? null : DecodeToken(continuationToken);
        prefix ??= string.Empty;

        var names = new List<string>();
        var folder = LocalBlobPaths.PrefixFolder(containerPath, prefix);
        if (folder is not null && Directory.Exists(folder))
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*" + LocalBlobPaths.DataSuffix, ListOptions))
            {
                var name = LocalBlobPaths.BlobNameOf(Path.GetRelativePath(containerPath, path));
                if (name.StartsWith(prefix, StringComparison.Ordinal) && (after is null || string.CompareOrdinal(name, after) > 0))
                {
                    names.Add(name);
                }
            }
        }

        names.Sort(StringComparer.Ordinal);
        var items = new List<BlobProperties>(Math.Min(size, names.Count));
        foreach (var name in names.Take(size))
        {
            var data = new FileInfo(LocalBlobPaths.DataFile(containerPath, name));
            if (data.Exists)
            {
                items.Add(await ReadPropertiesAsync(containerPath, container, name, data.Length, cancellationToken).ConfigureAwait(false));
            }
        }

        return new BlobPage(items, names.Count > size ? EncodeToken(names[size - 1]) : null);
    }

    public Task<bool> DeleteAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateContainer(container);
        BlobNames.ValidateBlob(blobName);
        var containerPath = Path.Combine(RootPath, container);
        if (!Directory.Exists(containerPath))
        {
            return Task.FromResult(false);
        }

        // Renaming first tells, atomically, whether this call is the one that deleted it.
        var temp = LocalBlobPaths.TempFile(containerPath, blobName);
        try
        {
            File.Move(LocalBlobPaths.DataFile(containerPath, blobName), temp);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult(false);
        }

        File.Delete(temp);
        File.Delete(LocalBlobPaths.SidecarFile(containerPath, blobName));
        return Task.FromResult(true);
    }

    public async Task DiscardAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        await DeleteAsync(container, blobName, cancellationToken).ConfigureAwait(false);
        var containerPath = Path.Combine(RootPath, container);
        if (Directory.Exists(containerPath))
        {
            foreach (var temp in LocalBlobPaths.TempFiles(containerPath, blobName))
            {
                File.Delete(temp);
            }
        }
    }

    private string ExistingContainer(string container)
    {
        BlobNames.ValidateContainer(container);
        var path = Path.Combine(RootPath, container);
        return Directory.Exists(path) ? path : throw BlobNotFoundException.Container(container);
    }

    private static FileStream OpenData(string containerPath, string container, string blobName)
    {
        try
        {
            // Share Delete so that a new upload can rename over the file while this read goes on.
            return new FileStream(
                LocalBlobPaths.DataFile(containerPath, blobName),
                FileMode.Open,
                FileAccess.Read,
                FileShare.ReadWrite | FileShare.Delete,
                ReadBufferSize,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw BlobNotFoundException.Blob(container, blobName);
        }
    }

    private async Task<BlobProperties> ReadPropertiesAsync(string containerPath, string container, string blobName, long size, CancellationToken cancellationToken)
    {
        var sidecar = await ReadSidecarAsync(containerPath, blobName, LocalBlobPaths.DataFile(containerPath, blobName), cancellationToken).ConfigureAwait(false);
        var metadata = new Dictionary<string, string>(sidecar.Metadata, StringComparer.OrdinalIgnoreCase);
        return new BlobProperties(container, blobName, size, sidecar.ContentType, sidecar.ETag, sidecar.LastModified, metadata.AsReadOnly());
    }

    private static async Task<LocalBlobSidecar> ReadSidecarAsync(string containerPath, string blobName, string dataPath, CancellationToken cancellationToken)
    {
        try
        {
            var json = await File.ReadAllBytesAsync(LocalBlobPaths.SidecarFile(containerPath, blobName), cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize(json, LocalBlobJsonContext.Default.LocalBlobSidecar)
                ?? throw new JsonException("The sidecar is empty.");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            // A blob copied in by hand, or caught between its two renames: describe it from the file.
            var info = new FileInfo(dataPath);
            var modified = new DateTimeOffset(info.LastWriteTimeUtc.Ticks - (info.LastWriteTimeUtc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            return new LocalBlobSidecar(DefaultContentType, $"\"0x{info.LastWriteTimeUtc.Ticks:X}{info.Length:X}\"", modified, []);
        }
    }

    private static async Task WriteSidecarAsync(string path, LocalBlobSidecar sidecar, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(sidecar, LocalBlobJsonContext.Default.LocalBlobSidecar);
        await File.WriteAllBytesAsync(path, json, cancellationToken).ConfigureAwait(false);
    }

    private LocalBlobSidecar NewSidecar(string contentType, IReadOnlyDictionary<string, string> metadata)
    {
        // HTTP dates carry whole seconds; so do Azure's, and so do these.
        var now = _timeProvider.GetUtcNow();
        var lastModified = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var etag = $"\"0x{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}\"";
        return new LocalBlobSidecar(contentType, etag, lastModified, new Dictionary<string, string>(metadata, StringComparer.OrdinalIgnoreCase));
    }

    private static string EncodeToken(string lastName) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(lastName));

    private static string DecodeToken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException e)
        {
            throw new BlobStoreException(400, "OutOfRangeInput", $"'{token}' is not a continuation token of this store.", e);
        }
    }
}
