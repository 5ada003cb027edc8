using System.Runtime.CompilerServices;

namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// Finds exact order statistics of a column's finite values in bounded memory, over as many passes as it takes:
/// each pass narrows the windows that hold the wanted ranks until a window's values fit in the buffer (and are
/// sorted) or all share one value. At most <c>bufferValues</c> values and a few bucket arrays are held at once.
/// </summary>
internal sealed class QuantileSelector
{
    private readonly int _bufferValues;
    private readonly int _bucketCount;
    private readonly Dictionary<long, double> _resolved = [];
    private List<QuantileWindow> _windows = [];

    /// <param name="count">How many finite values there are.</param>
    /// <param name="ranks">The wanted 0-based ranks in the sorted values.</param>
    public QuantileSelector(long count, double min, double max, IEnumerable<long> ranks, int bufferValues, int bucketCount)
    {
        _bufferValues = bufferValues;
        _bucketCount = bucketCount;
        var wanted = ranks.Distinct().Order().ToList();
        if (min == max)
        {
            foreach (var rank in wanted)
            {
                _resolved[rank] = min;
            }

            return;
        }

        var all = new QuantileWindow(SortableDouble.Key(min), SortableDouble.Key(max), 0, count, wanted);
        if (count <= bufferValues)
        {
            all.Collect();
        }
        else if (!all.TryBucketByValue(min, max, bucketCount))
        {
            all.BucketByKey(bucketCount);
        }

        _windows.Add(all);
    }

    public bool NeedsPass => _windows.Count > 0;

    /// <summary>Offers a finite value (not -0) read in the current pass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(double value)
    {
        var key = SortableDouble.Key(value);
        foreach (var window in _windows)
        {
            if (key >= window.Low && key <= window.High)
            {
                window.Add(value, key);
                return;
            }
        }
    }

    public void EndPass()
    {
        var next = new List<QuantileWindow>();
        foreach (var window in _windows)
        {
            window.EndPass(_resolved, next);
        }

        // The smallest windows are collected first; the rest are split further and shrink on every pass.
        long room = _bufferValues;
        foreach (var window in next.OrderBy(w => w.Count).ThenBy(w => w.Low))
        {
            if (window.Count <= room)
            {
                window.Collect();
                room -= window.Count;
            }
            else
            {
                window.BucketByKey(_bucketCount);
            }
        }

        _windows = [.. next.OrderBy(w => w.Low)];
    }

    public double ValueAt(long rank) => _resolved[rank];
}
