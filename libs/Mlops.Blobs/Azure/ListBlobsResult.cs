using System.Globalization;
using System.Xml.Linq;

namespace Mlops.Blobs.Azure;

/// <summary>Reads a List Blobs response body (<c>EnumerationResults</c>) into a page.</summary>
internal static class ListBlobsResult
{
    public static async Task<BlobPage> ReadAsync(Stream body, string container, CancellationToken cancellationToken)
    {
        var document = await XDocument.LoadAsync(body, LoadOptions.None, cancellationToken).ConfigureAwait(false);
        var root = document.Root ?? throw new BlobStoreException(200, null, "The List Blobs response had no body.");
        var items = new List<BlobProperties>();
        foreach (var blob in root.Element("Blobs")?.Elements("Blob") ?? [])
        {
            var name = blob.Element("Name")?.Value ?? string.Empty;
            var properties = blob.Element("Properties");
            var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in blob.Element("Metadata")?.Elements() ?? [])
            {
                metadata[entry.Name.LocalName] = entry.Value;
            }

            var lastModified = properties?.Element("Last-Modified")?.Value;
            items.Add(new BlobProperties(
                container,
                name,
                long.Parse(properties?.Element("Content-Length")?.Value ?? "0", NumberStyles.None, CultureInfo.InvariantCulture),
                NullIfEmpty(properties?.Element("Content-Type")?.Value) ?? AzureBlobStore.DefaultContentType,
                AzureResponses.QuoteETag(properties?.Element("Etag")?.Value ?? string.Empty),
                lastModified is null ? default : AzureResponses.ParseHttpDate(lastModified),
                metadata.AsReadOnly()));
        }

        return new BlobPage(items, NullIfEmpty(root.Element("NextMarker")?.Value));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
