using Mlops.Blobs.Azure;

namespace Mlops.Blobs.Configuration;

/// <summary>
/// A parsed blob connection string. Accepted forms:
/// <list type="bullet">
/// <item><c>UseDevelopmentStorage=true</c>: Azurite on its default port with the well-known account.</item>
/// <item><c>DefaultEndpointsProtocol=http;AccountName=...;AccountKey=...;BlobEndpoint=...;</c> (BlobEndpoint or EndpointSuffix optional): Shared Key.</item>
/// <item><c>BlobEndpoint=https://acct.blob.core.windows.net/</c>, <c>AccountName=acct</c> without a key, or just the endpoint URI: Entra ID.</item>
/// <item><c>LocalFolder=/path</c> or a <c>file://</c> URI: the local folder store.</item>
/// </list>
/// </summary>
public sealed class BlobConnectionString
{
    private const string DevelopmentEndpoint = "http://127.0.0.1:10000/devstoreaccount1";

    private BlobConnectionString(BlobStoreKind kind, Uri? serviceUri = null, SharedKeyCredential? sharedKey = null, string? localFolder = null)
    {
        Kind = kind;
        ServiceUri = serviceUri;
        SharedKey = sharedKey;
        LocalFolder = localFolder;
    }

    public BlobStoreKind Kind { get; }

    /// <summary>The blob service endpoint (Azure kinds).</summary>
    public Uri? ServiceUri { get; }

    /// <summary>The account and its key (<see cref="BlobStoreKind.AzureSharedKey"/>).</summary>
    public SharedKeyCredential? SharedKey { get; }

    /// <summary>The root folder (<see cref="BlobStoreKind.LocalFolder"/>).</summary>
    public string? LocalFolder { get; }

    public static BlobConnectionString ForLocalFolder(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new BlobConnectionString(BlobStoreKind.LocalFolder, localFolder: path);
    }

    public static BlobConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var text = connectionString.Trim();
        if (!text.Contains('=', StringComparison.Ordinal) && Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return FromUri(uri);
        }

        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Invalid($"'{part}' is not a key=value setting");
            }

            settings[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        if (settings.TryGetValue("LocalFolder", out var folder))
        {
            return ForLocalFolder(folder);
        }

        if (settings.ContainsKey("SharedAccessSignature"))
        {
            throw Invalid("SAS connection strings are not supported; use an account key or Entra ID");
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var development) && bool.TryParse(development, out var useDevelopment) && useDevelopment)
        {
            var endpoint = settings.TryGetValue("DevelopmentStorageProxyUri", out var proxy)
                ? new UriBuilder(proxy) { Port = 10000, Path = SharedKeyCredential.DevelopmentAccountName }.Uri
                : new Uri(DevelopmentEndpoint);
            return new BlobConnectionString(BlobStoreKind.AzureSharedKey, endpoint, SharedKeyCredential.Development);
        }

        settings.TryGetValue("AccountName", out var accountName);
        var serviceUri = BlobEndpoint(settings, accountName);
        if (settings.TryGetValue("AccountKey", out var accountKey) && accountKey.Length > 0)
        {
            if (string.IsNullOrEmpty(accountName))
            {
                throw Invalid("AccountKey needs AccountName");
            }

            SharedKeyCredential key;
            try
            {
                key = new SharedKeyCredential(accountName, accountKey);
            }
            catch (ArgumentException e)
            {
                throw Invalid(e.Message);
            }

            return new BlobConnectionString(BlobStoreKind.AzureSharedKey, serviceUri, key);
        }

        return new BlobConnectionString(BlobStoreKind.AzureEntraId, serviceUri);
    }

    /// <summary>Shows the kind and endpoint, never the key.</summary>
    public override string ToString() => Kind switch
    {
        BlobStoreKind.LocalFolder => $"LocalFolder={LocalFolder}",
        BlobStoreKind.AzureSharedKey => $"BlobEndpoint={ServiceUri};AccountName={SharedKey!.AccountName};AccountKey=***",
        _ => $"BlobEndpoint={ServiceUri}",
    };

    private static BlobConnectionString FromUri(Uri uri)
    {
        if (uri.IsFile)
        {
            return ForLocalFolder(uri.LocalPath);
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw Invalid($"'{uri}' is neither an http(s) blob endpoint nor a file URI");
        }

        return new BlobConnectionString(BlobStoreKind.AzureEntraId, uri);
    }

    private static Uri BlobEndpoint(Dictionary<string, string> settings, string? accountName)
    {
        if (settings.TryGetValue("BlobEndpoint", out var endpoint) && endpoint.Length > 0)
        {
            return Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                ? uri
                : throw Invalid($"BlobEndpoint '{endpoint}' is not an absolute http(s) URI");
        }

        if (string.IsNullOrEmpty(accountName))
        {
            throw Invalid("it names neither BlobEndpoint nor AccountName");
        }

        var protocol = settings.TryGetValue("DefaultEndpointsProtocol", out var p) && p.Length > 0 ? p.ToLowerInvariant() : "https";
        var suffix = settings.TryGetValue("EndpointSuffix", out var s) && s.Length > 0 ? s : "core.windows.net";
        return new Uri($"{protocol}://{accountName}.blob.{suffix}/");
    }

    private static FormatException Invalid(string reason) => new($"Invalid blob connection string: {reason}.");
}
