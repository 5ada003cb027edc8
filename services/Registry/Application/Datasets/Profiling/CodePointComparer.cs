namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// Orders strings by Unicode code point, as UTF-8 bytes and Python's str do. Ordinal UTF-16 order differs only
/// where a surrogate pair (a code point above U+FFFF) meets a character from U+E000 to U+FFFF.
/// </summary>
internal sealed class CodePointComparer : IComparer<string>
{
    public static CodePointComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var common = x.AsSpan().CommonPrefixLength(y);
        return common == x.Length || common == y.Length
            ? x.Length.CompareTo(y.Length)
            : Weight(x[common]).CompareTo(Weight(y[common]));
    }

    private static int Weight(char c) => c < 0xD800 ? c : c < 0xE000 ? c + 0x2000 : c - 0x800;
}
