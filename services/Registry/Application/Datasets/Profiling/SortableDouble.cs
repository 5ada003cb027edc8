namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// Maps doubles to 64-bit keys in the same order, so that the search for a quantile can split any range of values
/// into buckets of keys, which always terminates, whatever the values' spread. -0 must be made +0 first; no NaN.
/// </summary>
internal static class SortableDouble
{
    private const ulong SignBit = 0x8000_0000_0000_0000;

    public static ulong Key(double value)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        return (bits & SignBit) == 0 ? bits | SignBit : ~bits;
    }

    public static double Value(ulong key) =>
        BitConverter.Int64BitsToDouble((long)((key & SignBit) != 0 ? key & ~SignBit : ~key));
}
