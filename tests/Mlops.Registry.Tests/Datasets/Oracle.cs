using System.Numerics;

namespace Mlops.Registry.Tests.Datasets;

/// <summary>
/// The figures computed the slow, obvious way, to check the profiler against: quantiles from all values sorted,
/// mean and standard deviation in exact rational arithmetic (every double is an integer times 2^-1074).
/// </summary>
internal static class Oracle
{
    public static readonly int[] Percents = [1, 5, 25, 50, 75, 95, 99];

    /// <summary>Type 7 over the sorted values, with the interpolation docs/dataset-profile.md defines.</summary>
    public static double[] Quantiles(IEnumerable<double> values)
    {
        var sorted = values.Select(v => v + 0.0).Order().ToArray();
        var n = sorted.Length;
        return [.. Percents.Select(percent =>
        {
            var position = (long)(n - 1) * percent;
            var lower = (int)(position / 100);
            var hundredths = (int)(position % 100);
            if (hundredths == 0)
            {
                return sorted[lower];
            }

            double a = sorted[lower], b = sorted[lower + 1];
            if (a == b)
            {
                return a;
            }

            var t = hundredths / 100.0;
            var value = !double.IsFinite(b - a) ? (a * ((100 - hundredths) / 100.0)) + (b * t)
                : hundredths < 50 ? a + ((b - a) * t)
                : b - ((b - a) * ((100 - hundredths) / 100.0));
            return Math.Clamp(value, a, b);
        })];
    }

    public static double Mean(IReadOnlyCollection<double> values)
    {
        var sum = values.Aggregate(BigInteger.Zero, (total, v) => total + Scaled(v));
        return ToDouble(sum, new BigInteger(values.Count) << 1074);
    }

    /// <summary>sqrt(Σ(x - mean)² / (n - ddof)), with Σ(x - mean)² = (nΣx² - (Σx)²) / n exactly.</summary>
    public static double StdDev(IReadOnlyCollection<double> values, int ddof)
    {
        var n = new BigInteger(values.Count);
        var sum = BigInteger.Zero;
        var squares = BigInteger.Zero;
        foreach (var value in values)
        {
            var scaled = Scaled(value);
            sum += scaled;
            squares += scaled * scaled;
        }

        var numerator = (n * squares) - (sum * sum);
        var denominator = n * (n - ddof) << 2148;
        return Sqrt(numerator, denominator);
    }

    /// <summary>The value times 2^1074, which is an integer for every finite double.</summary>
    private static BigInteger Scaled(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        var magnitude = new BigInteger(mantissa) << (exponent - 1);
        return bits < 0 ? -magnitude : magnitude;
    }

    private static double ToDouble(BigInteger numerator, BigInteger denominator)
    {
        var (quotient, exponent) = Ratio(BigInteger.Abs(numerator), denominator);
        return numerator.Sign * Math.ScaleB((double)quotient, (int)exponent);
    }

    private static double Sqrt(BigInteger numerator, BigInteger denominator)
    {
        var (quotient, exponent) = Ratio(numerator, denominator);
        if (exponent % 2 != 0)
        {
            quotient <<= 1;
            exponent--;
        }

        return Math.ScaleB(Math.Sqrt((double)quotient), (int)(exponent / 2));
    }

    /// <summary>numerator / denominator ≈ quotient * 2^exponent, with quotient of at least 64 bits.</summary>
    private static (BigInteger Quotient, long Exponent) Ratio(BigInteger numerator, BigInteger denominator)
    {
        if (numerator.IsZero)
        {
            return (BigInteger.Zero, 0);
        }

        var shift = (long)denominator.GetBitLength() - (long)numerator.GetBitLength() + 64;
        var quotient = shift >= 0 ? (numerator << (int)shift) / denominator : numerator / (denominator << (int)-shift);
        return (quotient, -shift);
    }
}
