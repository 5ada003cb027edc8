using System.Globalization;

namespace Mlops.Registry.Application;

/// <summary>Page tokens of listings that page by a sequence number (decisions, alias history), opaque like <see cref="PageTokens"/>.</summary>
public static class SequencePageTokens
{
    public static string Encode(long sequence) => PageTokens.Encode(sequence.ToString(CultureInfo.InvariantCulture));

    /// <summary>The sequence to continue from, or null for the first page.</summary>
    public static long? Decode(string? pageToken) =>
        PageTokens.Decode(pageToken) is not { } text
            ? null
            : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                ? sequence
                : throw RegistryException.Invalid("page_token is invalid: pass the next_page_token of a previous response, or nothing for the first page.");
}
