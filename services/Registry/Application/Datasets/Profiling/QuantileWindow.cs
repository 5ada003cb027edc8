using System.Runtime.CompilerServices;

namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// The values whose keys lie in [Low, High], known to be <see cref="Count"/> values with <see cref="CountBelow"/>
/// smaller ones, among which the order statistics <see cref="Ranks"/> lie. In one pass it either collects them all
/// (and sorts them) or counts them in buckets, remembering the smallest and largest key in each bucket so that the
/// next window is as tight as the data.
/// </summary>
internal sealed class QuantileWindow(ulong low, ulong high, long countBelow, long count, List<long> ranks)
{
    private Mode _mode;
    private double[] _values = [];
    private int _collected;
    private long[] _counts = [];
    private ulong[] _minKeys = [];
    private ulong[] _maxKeys = [];
    private double _halfMin;
    private double _halfRange;
    private int _shift;

    private enum Mode
    {
        Collect,
        ValueBuckets,
        KeyBuckets,
    }

    public ulong Low => low;

    public ulong High => high;

    public long Count => count;

    public void Collect()
    {
        _mode = Mode.Collect;
        _values = new double[count];
    }

    /// <summary>Equal-width buckets over [min, max]: the fewest passes for data spread evenly, as most data is.</summary>
    public bool TryBucketByValue(double min, double max, int buckets)
    {
        // Halves, so that the width of [-max, max] cannot overflow; each step below is monotonic in the value.
        _halfMin = min * 0.5;
        _halfRange = (max * 0.5) - _halfMin;
        if (!(_halfRange > 0))
        {
            return false;
        }

        _mode = Mode.ValueBuckets;
        Allocate(buckets);
        return true;
    }

    /// <summary>Buckets of equal key ranges: each pass divides the range by the bucket count, so the search ends.</summary>
    public void BucketByKey(int buckets)
    {
        var span = high - low;
        _shift = 0;
        while ((span >> _shift) >= (ulong)buckets)
        {
            _shift++;
        }

        _mode = Mode.KeyBuckets;
        Allocate((int)(span >> _shift) + 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(double value, ulong key)
    {
        switch (_mode)
        {
            case Mode.Collect:
                if (_collected == _values.Length)
                {
                    throw ColumnCatalog.DataChanged();
                }

                _values[_collected++] = value;
                break;
            case Mode.ValueBuckets:
                var bucket = (int)(((value * 0.5) - _halfMin) / _halfRange * _counts.Length);
                CountIn(Math.Min(bucket, _counts.Length - 1), key);
                break;
            default:
                CountIn((int)((key - low) >> _shift), key);
                break;
        }
    }

    /// <summary>Resolves what this pass settled and adds the windows still to search to <paramref name="next"/>.</summary>
    public void EndPass(Dictionary<long, double> resolved, List<QuantileWindow> next)
    {
        if (_mode == Mode.Collect)
        {
            if (_collected != count)
            {
                throw ColumnCatalog.DataChanged();
            }

            Array.Sort(_values);
            foreach (var rank in ranks)
            {
                resolved[rank] = _values[rank - countBelow];
            }

            _values = [];
            return;
        }

        var below = countBelow;
        var nextRank = 0;
        for (var bucket = 0; bucket < _counts.Length; bucket++)
        {
            var inBucket = _counts[bucket];
            var firstRank = nextRank;
            while (nextRank < ranks.Count && ranks[nextRank] < below + inBucket)
            {
                nextRank++;
            }

            if (nextRank > firstRank && _minKeys[bucket] == _maxKeys[bucket])
            {
                for (var i = firstRank; i < nextRank; i++)
                {
                    resolved[ranks[i]] = SortableDouble.Value(_minKeys[bucket]);
                }
            }
            else if (nextRank > firstRank)
            {
                next.Add(new QuantileWindow(_minKeys[bucket], _maxKeys[bucket], below, inBucket, ranks.GetRange(firstRank, nextRank - firstRank)));
            }

            below += inBucket;
        }

        if (below != countBelow + count)
        {
            throw ColumnCatalog.DataChanged();
        }

        _counts = [];
        _minKeys = [];
        _maxKeys = [];
    }

    private void Allocate(int buckets)
    {
        _counts = new long[buckets];
        _minKeys = new ulong[buckets];
        _maxKeys = new ulong[buckets];
    }

    private void CountIn(int bucket, ulong key)
    {
        if (_counts[bucket]++ == 0)
        {
            _minKeys[bucket] = key;
            _maxKeys[bucket] = key;
        }
        else if (key < _minKeys[bucket])
        {
            _minKeys[bucket] = key;
        }
        else if (key > _maxKeys[bucket])
        {
            _maxKeys[bucket] = key;
        }
    }
}
