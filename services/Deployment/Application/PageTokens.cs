using Mlops.Persistence;

namespace Mlops.Deployment.Application;

/// <summary>Page tokens of name-ordered listings: the last name of the previous page, base64url with a version prefix, opaque to clients.</summary>
public static class PageTokens
{
    public static string Encode(string lastName) => OpaquePageTokens.Encode(lastName);

    /// <summary>The name to continue after, or null for the first page.</summary>
    public static string? Decode(string? token) =>
        string.IsNullOrEmpty(token) ? null
        : OpaquePageTokens.TryDecode(token, out var lastName) ? lastName
        : throw DeploymentException.Invalid("page_token is invalid: pass the next_page_token of a previous response, or nothing for the first page.");
}
