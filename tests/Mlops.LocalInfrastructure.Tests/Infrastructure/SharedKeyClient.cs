using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mlops.LocalInfrastructure.Tests.Infrastructure;

/// <summary>Blob REST requests signed with Shared Key, from the parts of a blob connection string: proof that its account key is the one Azurite checks.</summary>
public sealed class SharedKeyClient : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false });
    private readonly string _account;
    private readonly byte[] _key;
    private readonly Uri _endpoint;

    public SharedKeyClient(string connectionString)
    {
        var parts = connectionString
            .Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        _account = parts["AccountName"];
        _key = Convert.FromBase64String(parts["AccountKey"]);
        _endpoint = new Uri(parts["BlobEndpoint"].TrimEnd('/') + "/");
    }

    /// <param name="pathAndQuery">Relative to the account, e.g. "box?restype=container".</param>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery)
    {
        using var request = new HttpRequestMessage(method, new Uri(_endpoint, pathAndQuery));
        if (method == HttpMethod.Put)
        {
            request.Content = new ByteArrayContent([]);
        }

        var date = DateTime.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        request.Headers.Add("x-ms-date", date);
        request.Headers.Add("x-ms-version", "2021-12-02");
        request.Headers.TryAddWithoutValidation("Authorization", $"SharedKey {_account}:{Sign(method, request.RequestUri!, date)}");
        return await _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();

    private string Sign(HttpMethod method, Uri uri, string date)
    {
        // VERB, then Content-Encoding .. Range (empty here; Content-Length too when it is 0), x-ms-* headers, resource.
        var toSign = new StringBuilder()
            .Append(method.Method).Append('\n')
            .Append(string.Concat(Enumerable.Repeat("\n", 11)))
            .Append("x-ms-date:").Append(date).Append('\n')
            .Append("x-ms-version:2021-12-02\n")
            .Append('/').Append(_account).Append(uri.AbsolutePath);
        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .OrderBy(pair => pair[0].ToLowerInvariant(), StringComparer.Ordinal);
        foreach (var pair in query)
        {
            toSign.Append('\n').Append(pair[0].ToLowerInvariant()).Append(':').Append(Uri.UnescapeDataString(pair.Length > 1 ? pair[1] : ""));
        }

        return Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(toSign.ToString())));
    }
}
