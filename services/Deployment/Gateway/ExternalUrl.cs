namespace Mlops.Deployment.Gateway;

/// <summary>
/// Where an external runtime serves a deployment: <c>http(s)://host:port/v2/models/{name}[/versions/{version}]</c>,
/// the model's URL in the protocol's REST form. The gateway calls the Open Inference Protocol over gRPC at that
/// authority (<c>http://host:port</c>) with that model name and version.
/// </summary>
public sealed record ExternalUrl(Uri Authority, string ModelName, string? ModelVersion)
{
    public const string Form = "http(s)://host:port/v2/models/{name}[/versions/{version}]";

    /// <exception cref="ModelLoadException">The URL is not of that form.</exception>
    public static ExternalUrl Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw Invalid(url);
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var named = segments is ["v2", "models", _] or ["v2", "models", _, "versions", _];
        if (!named)
        {
            throw Invalid(url);
        }

        return new ExternalUrl(new Uri(uri.GetLeftPart(UriPartial.Authority)), segments[2], segments.Length == 5 ? segments[4] : null);
    }

    private static ModelLoadException Invalid(string url) => new($"The external URL '{url}' is not of the form {Form}.");
}
