using System.Buffers.Text;
using System.Text;

namespace Mlops.Deployment.Application;

/// <summary>Page tokens of name-ordered listings: the last name of the previous page, base64url with a version prefix, opaque to clients.</summary>
public static class PageTokens
{
    private const string Prefix = "v1:";

    public static string Encode(string lastName) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + lastName));

    /// <summary>The name to continue after, or null for the first page.</summary>
    public static string? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        string? text = null;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
        }

        return text is not null && text.StartsWith(Prefix, StringComparison.Ordinal) && text.Length > Prefix.Length
            ? text[Prefix.Length..]
            : throw DeploymentException.Invalid("page_token is invalid: pass the next_page_token of a previous response, or nothing for the first page.");
    }
}
