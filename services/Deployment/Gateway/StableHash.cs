using System.Text;

namespace Mlops.Deployment.Gateway;

/// <summary>
/// FNV-1a over the UTF-8 bytes: the same text gives the same bucket in every process and every version of .NET,
/// which string.GetHashCode (randomised per process) does not.
/// </summary>
public static class StableHash
{
    public static uint Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> stack = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetMaxByteCount(text.Length) <= stack.Length ? stack[..Encoding.UTF8.GetBytes(text, stack)] : Encoding.UTF8.GetBytes(text);
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
