namespace Mlops.Grpc.Protocol;

/// <summary>Base64 for "-bin" metadata: emitted without padding, accepted with or without.</summary>
public static class BinaryHeaderEncoding
{
    public static string Encode(ReadOnlySpan<byte> value) => Convert.ToBase64String(value).TrimEnd('=');

    /// <summary>Decodes one value; a header holding several comma-joined values is split first by the caller.</summary>
    public static byte[] Decode(string value)
    {
        var trimmed = value.Trim().TrimEnd('=');
        var padding = (4 - (trimmed.Length % 4)) % 4;
        if (padding == 3)
        {
            throw new FormatException("A base64 value cannot have a length of 4n+1.");
        }

        return Convert.FromBase64String(trimmed + new string('=', padding));
    }

    public static bool TryDecode(string value, out byte[] bytes)
    {
        try
        {
            bytes = Decode(value);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
