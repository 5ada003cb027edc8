using Mlops.Persistence;

namespace Mlops.Registry.Application;

/// <summary>
/// Page tokens of model listings: the last name of the previous page, base64url-encoded with a version prefix so
/// that clients treat it as opaque and the server can change it later.
/// </summary>
public static class PageTokens
{
    public static string Encode(string lastName) => OpaquePageTokens.Encode(lastName);

    /// <summary>The name to continue after, or null for the first page.</summary>
    public static string? Decode(string? token) =>
        string.IsNullOrEmpty(token) ? null
        : OpaquePageTokens.TryDecode(token, out var lastName) ? lastName
        : throw RegistryException.Invalid("page_token is invalid: pass the next_page_token of a previous response, or nothing for the first page.");
}
