using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Azure;

namespace Mlops.Blobs.Azure;

/// <summary>Reads the Blob service's response headers and error bodies.</summary>
internal static class AzureResponses
{
    private const string MetadataPrefix = "x-ms-meta-";

    public static string ETagOf(Response response) =>
        response.Headers.TryGetValue("ETag", out var etag) ? QuoteETag(etag) : string.Empty;

    public static DateTimeOffset LastModifiedOf(Response response) =>
        response.Headers.TryGetValue("Last-Modified", out var value) ? ParseHttpDate(value) : default;

    public static DateTimeOffset ParseHttpDate(string value) =>
        DateTimeOffset.ParseExact(value.Trim(), "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>Headers say <c>"0x..."</c>, listings say <c>0x...</c>; both become the quoted form.</summary>
    public static string QuoteETag(string etag) =>
        etag.Length >= 2 && etag[0] == '"' && etag[^1] == '"' ? etag : $"\"{etag}\"";

    public static BlobProperties PropertiesOf(Response response, string container, string blobName, long size)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name[MetadataPrefix.Length..]] = header.Value;
            }
        }

        return new BlobProperties(
            container,
            blobName,
            size,
            response.Headers.ContentType ?? AzureBlobStore.DefaultContentType,
            ETagOf(response),
            LastModifiedOf(response),
            metadata.AsReadOnly());
    }

    /// <summary>The total size from <c>Content-Range: bytes first-last/total</c> (or <c>bytes */total</c>).</summary>
    public static long? TotalSizeFromContentRange(Response response)
    {
        if (!response.Headers.TryGetValue("Content-Range", out var range))
        {
            return null;
        }

        var slash = range.LastIndexOf('/');
        return slash >= 0 && long.TryParse(range.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total) ? total : null;
    }

    public static async Task<BlobStoreException> ErrorAsync(Response response, string operation, string container, string? blobName, CancellationToken cancellationToken)
    {
        var code = response.Headers.TryGetValue("x-ms-error-code", out var header) ? header : null;
        var detail = await ReadErrorMessageAsync(response, cancellationToken).ConfigureAwait(false);
        code ??= detail.Code;
        if (response.Status == 404)
        {
            code ??= blobName is null ? BlobErrorCodes.ContainerNotFound : BlobErrorCodes.BlobNotFound;
            return code == BlobErrorCodes.ContainerNotFound
                ? BlobNotFoundException.Container(container)
                : BlobNotFoundException.Blob(container, blobName ?? string.Empty);
        }

        var target = blobName is null ? $"container '{container}'" : $"blob '{blobName}' in container '{container}'";
        var message = $"{operation} of {target} failed with {response.Status} {code ?? response.ReasonPhrase}";
        if (!string.IsNullOrWhiteSpace(detail.Message))
        {
            message += $": {detail.Message}";
        }

        return new BlobStoreException(response.Status, code, message);
    }

    private static async Task<(string? Code, string? Message)> ReadErrorMessageAsync(Response response, CancellationToken cancellationToken)
    {
        var stream = response.ContentStream;
        if (stream is null)
        {
            return default;
        }

        try
        {
            // Error bodies are small; read at most 64 KiB even from an unbuffered response.
            var buffer = new byte[64 * 1024];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            if (length == 0)
            {
                return default;
            }

            using var reader = new StreamReader(new MemoryStream(buffer, 0, length));
            var root = XDocument.Parse(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false)).Root;
            return (root?.Element("Code")?.Value, root?.Element("Message")?.Value.Split('\n')[0].Trim());
        }
        catch (Exception e) when (e is XmlException or IOException or NotSupportedException)
        {
            return default;
        }
    }
}
