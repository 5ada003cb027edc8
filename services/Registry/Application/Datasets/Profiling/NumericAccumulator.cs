using System.Runtime.CompilerServices;

namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// The numeric summary of a column over its passes. First: counts, min, max and a compensated sum for the mean.
/// Second: the deviations from that mean (the corrected two-pass variance, the most accurate of the streaming
/// methods), the histogram, and the start of the quantile search, which may take more passes.
/// </summary>
internal sealed class NumericAccumulator
{
    /// <summary>The quantiles, in hundredths.</summary>
    private static readonly int[] Percents = [1, 5, 25, 50, 75, 95, 99];

    /// <summary>Deviations are scaled by a power of two to about this exponent, so squares neither overflow nor underflow.</summary>
    private const int DeviationExponent = 450;

    /// <summary>A second sum of the values scaled down by 2^600, for when the plain sum overflows.</summary>
    private const int SumScaleExponent = 600;

    private static readonly double SumScale = Math.ScaleB(1.0, -SumScaleExponent);

    private int _pass = 1;
    private long _count;
    private long _nanCount;
    private long _positiveInfinityCount;
    private long _negativeInfinityCount;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private NeumaierSum _sum;
    private NeumaierSum _scaledSum;

    private long _secondPassCount;
    private double _mean;
    private int _deviationScale;
    private double _deviationFactor;
    private double _scaledMean;
    private NeumaierSum _deviations;
    private NeumaierSum _squaredDeviations;
    private double[] _edges = [];
    private long[] _bins = [];
    private QuantileSelector? _quantiles;

    public long Count => _count;

    public bool NeedsPass => _pass == 2 ? _count > 0 : _quantiles?.NeedsPass == true;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(double value)
    {
        // -0 becomes +0: they are equal, and the quantile search orders keys.
        value += 0.0;
        if (_pass == 1)
        {
            AddFirst(value);
            return;
        }

        if (!double.IsFinite(value))
        {
            return;
        }

        if (_pass == 2)
        {
            _secondPassCount++;
            // Multiplying by a power of two is exact, as ScaleB is, and much cheaper; ScaleB only past the double range.
            var deviation = (_deviationFactor != 0 ? value * _deviationFactor : Math.ScaleB(value, _deviationScale)) - _scaledMean;
            _deviations.Add(deviation);
            _squaredDeviations.Add(deviation * deviation);
            _bins[Bin(value)]++;
        }

        _quantiles?.Add(value);
    }

    public void EndPass(DatasetProfileLimits limits)
    {
        if (_pass == 1)
        {
            BeginSecondPass(limits);
        }
        else
        {
            if (_pass == 2 && _secondPassCount != _count)
            {
                throw ColumnCatalog.DataChanged();
            }

            _quantiles?.EndPass();
        }

        _pass++;
    }

    public NumericSummary ToSummary()
    {
        if (_count == 0)
        {
            return new NumericSummary(0, _nanCount, _positiveInfinityCount, _negativeInfinityCount, null, null, null, null, null, null, null);
        }

        // Corrected two-pass: the second term removes most of the rounding error left in the mean.
        var deviationSum = _deviations.Value;
        var m2 = Math.Max(0, _squaredDeviations.Value - (deviationSum * deviationSum / _count));
        var populationStdDev = Math.ScaleB(Math.Sqrt(m2 / _count), -_deviationScale);
        double? sampleStdDev = _count > 1 ? Math.ScaleB(Math.Sqrt(m2 / (_count - 1)), -_deviationScale) : null;
        var quantiles = new double[Percents.Length];
        for (var i = 0; i < Percents.Length; i++)
        {
            var (lower, hundredths) = Position(_count, Percents[i]);
            quantiles[i] = hundredths == 0
                ? _quantiles!.ValueAt(lower)
                : Interpolate(_quantiles!.ValueAt(lower), _quantiles.ValueAt(lower + 1), hundredths);
        }

        return new NumericSummary(
            _count,
            _nanCount,
            _positiveInfinityCount,
            _negativeInfinityCount,
            _min,
            _max,
            _mean,
            populationStdDev,
            sampleStdDev,
            new Quantiles(quantiles[0], quantiles[1], quantiles[2], quantiles[3], quantiles[4], quantiles[5], quantiles[6]),
            new Histogram(_edges, _bins));
    }

    /// <summary>
    /// Type 7: the quantile p of n sorted values x[0..n-1] sits at h = (n - 1) * p; with p in hundredths h is exact,
    /// split into its whole part (a rank) and hundredths.
    /// </summary>
    internal static (long Lower, int Hundredths) Position(long count, int percent)
    {
        var scaled = (Int128)(count - 1) * percent;
        return ((long)(scaled / 100), (int)(scaled % 100));
    }

    /// <summary>
    /// lower + (upper - lower) * t below t = 0.5, upper - (upper - lower) * (1 - t) from there (as numpy does, so
    /// the result is exact at both ends), kept within [lower, upper].
    /// </summary>
    internal static double Interpolate(double lower, double upper, int hundredths)
    {
        if (lower == upper)
        {
            return lower;
        }

        var difference = upper - lower;
        var value = !double.IsFinite(difference)
            ? (lower * ((100 - hundredths) / 100.0)) + (upper * (hundredths / 100.0))
            : hundredths < 50
                ? lower + (difference * (hundredths / 100.0))
                : upper - (difference * ((100 - hundredths) / 100.0));
        return Math.Clamp(value, lower, upper);
    }

    /// <summary>
    /// Edges[0] = min, Edges[bins] = max, Edges[i] = min + (max - min) * i / bins in between (with the halves when
    /// max - min overflows), never below the edge before. One bin when all values are equal.
    /// </summary>
    internal static double[] Edges(double min, double max, int binCount)
    {
        var bins = min == max ? 1 : binCount;
        var edges = new double[bins + 1];
        edges[0] = min;
        edges[bins] = max;
        var range = max - min;
        for (var i = 1; i < bins; i++)
        {
            var edge = double.IsFinite(range)
                ? min + (range * i / bins)
                : 2 * ((min / 2) + (((max / 2) - (min / 2)) * i / bins));
            edges[i] = Math.Clamp(edge, edges[i - 1], max);
        }

        return edges;
    }

    private void AddFirst(double value)
    {
        if (double.IsNaN(value))
        {
            _nanCount++;
        }
        else if (double.IsPositiveInfinity(value))
        {
            _positiveInfinityCount++;
        }
        else if (double.IsNegativeInfinity(value))
        {
            _negativeInfinityCount++;
        }
        else
        {
            _count++;
            _min = Math.Min(_min, value);
            _max = Math.Max(_max, value);
            _sum.Add(value);
            _scaledSum.Add(value * SumScale);
        }
    }

    private void BeginSecondPass(DatasetProfileLimits limits)
    {
        if (_count == 0)
        {
            return;
        }

        var sum = _sum.Value;
        var mean = double.IsFinite(sum) ? sum / _count : Math.ScaleB(_scaledSum.Value / _count, SumScaleExponent);
        _mean = Math.Clamp(mean, _min, _max);
        var largest = Math.Max(Math.Abs(_min), Math.Abs(_max));
        _deviationScale = largest == 0 ? 0 : DeviationExponent - Math.ILogB(largest);
        _deviationFactor = Math.Abs(_deviationScale) <= 1_000 ? Math.ScaleB(1.0, _deviationScale) : 0;
        _scaledMean = Math.ScaleB(_mean, _deviationScale);
        _edges = Edges(_min, _max, limits.HistogramBinCount);
        _bins = new long[_edges.Length - 1];
        var ranks = Percents.SelectMany(percent =>
        {
            var (lower, hundredths) = Position(_count, percent);
            return hundredths == 0 ? [lower] : new[] { lower, lower + 1 };
        });
        _quantiles = new QuantileSelector(_count, _min, _max, ranks, limits.QuantileBufferValues, limits.QuantileBucketCount);
    }

    /// <summary>The last bin whose lower edge is at most the value: bin i is [Edges[i], Edges[i + 1]), the last one closed.</summary>
    private int Bin(double value)
    {
        var low = 0;
        var high = _bins.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (_edges[middle] <= value)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }
}
