namespace Mlops.Inference.Tests.Infrastructure;

/// <summary>One tensor of every datatype, with values at the edges of each range, for round trips.</summary>
public static class Tensors
{
    public static IReadOnlyList<InferenceTensor> OfEveryDataType() =>
    [
        InferenceTensor.Create("bool", [3], new[] { true, false, true }),
        InferenceTensor.Create("uint8", [3], new byte[] { 0, 7, byte.MaxValue }),
        InferenceTensor.Create("uint16", [3], new ushort[] { 0, 300, ushort.MaxValue }),
        InferenceTensor.Create("uint32", [3], new uint[] { 0, 70_000, uint.MaxValue }),
        InferenceTensor.Create("uint64", [3], new ulong[] { 0, 5_000_000_000, ulong.MaxValue }),
        InferenceTensor.Create("int8", [3], new sbyte[] { sbyte.MinValue, -1, sbyte.MaxValue }),
        InferenceTensor.Create("int16", [3], new short[] { short.MinValue, -300, short.MaxValue }),
        InferenceTensor.Create("int32", [3], new[] { int.MinValue, -70_000, int.MaxValue }),
        InferenceTensor.Create("int64", [3], new[] { long.MinValue, -5_000_000_000, long.MaxValue }),
        InferenceTensor.Create("fp16", [3], new[] { (Half)(-1.5), (Half)0.099975586, Half.MaxValue }),
        InferenceTensor.Create("fp32", [3], new[] { -1.25f, 3.4028235e38f, 1e-45f }),
        InferenceTensor.Create("fp64", [3], new[] { -1.25, double.MaxValue, double.Epsilon }),
        InferenceTensor.Create("bytes", [3], new[] { "héllo"u8.ToArray(), Array.Empty<byte>(), "{\"k\": 1}"u8.ToArray() }),
    ];

    /// <summary>Same names, datatypes, shapes and elements.</summary>
    public static void AssertSame(IReadOnlyList<InferenceTensor> expected, IReadOnlyList<InferenceTensor> actual)
    {
        Assert.Equal(expected.Select(t => t.Name), actual.Select(t => t.Name));
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal(e.DataType, a.DataType);
            Assert.Equal(e.Shape, a.Shape);
            if (e.Data is byte[][] bytes)
            {
                Assert.Equal(bytes.Select(Convert.ToHexString), ((byte[][])a.Data).Select(Convert.ToHexString));
            }
            else
            {
                Assert.Equal(e.Data.Cast<object>(), a.Data.Cast<object>());
            }
        }
    }
}
