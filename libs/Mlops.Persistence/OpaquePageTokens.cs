using System.Buffers.Text;
using System.Text;

namespace Mlops.Persistence;

/// <summary>
/// Page tokens that carry where the previous page ended (a name, a sequence), base64url-encoded with a version prefix
/// so that clients treat them as opaque and a service can change them later.
/// </summary>
public static class OpaquePageTokens
{
    private const string Prefix = "v1:";

    public static string Encode(string position) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + position));

    /// <summary>False when <paramref name="token"/> is not one this class made; the caller says what that means.</summary>
    public static bool TryDecode(string token, out string position)
    {
        position = "";
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return false;
        }

        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length == Prefix.Length)
        {
            return false;
        }

        position = text[Prefix.Length..];
        return true;
    }
}
