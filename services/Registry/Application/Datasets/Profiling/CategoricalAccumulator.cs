using System.Runtime.CompilerServices;
using System.Text;

namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// The categorical summary of a non-numeric column: lengths and counts in the second pass, and a third pass that
/// recounts the candidates exactly when the column had more distinct values than the counter could hold.
/// </summary>
internal sealed class CategoricalAccumulator(DatasetProfileLimits limits)
{
    private readonly CategoryCounter _counter = new(limits.DistinctCap, limits.DistinctCharBudget);
    private char[] _chars = new char[256];
    private long _count;
    private long _minLength = long.MaxValue;
    private long _maxLength;
    private long _totalLength;
    private bool _recounting;

    public long Count => _count;

    public bool NeedsPass { get; private set; } = true;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<byte> utf8)
    {
        if (_chars.Length < utf8.Length)
        {
            _chars = new char[Math.Max(_chars.Length * 2, utf8.Length)];
        }

        var text = _chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, _chars));
        if (!_recounting)
        {
            _count++;
            var length = CodePoints(utf8);
            _minLength = Math.Min(_minLength, length);
            _maxLength = Math.Max(_maxLength, length);
            _totalLength += length;
        }

        _counter.Add(text);
    }

    public void EndPass()
    {
        NeedsPass = !_recounting && _counter.Overflowed;
        if (NeedsPass)
        {
            _counter.BeginRecount();
            _recounting = true;
        }
    }

    public CategoricalSummary ToSummary(int topCount)
    {
        var top = _counter.Counts()
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Value, CodePointComparer.Instance)
            .Take(topCount)
            .ToList();

        // A value the table lost occurs at most DecrementSteps times; a top whose last count beats that is the true top.
        var topExact = !_counter.Overflowed || (top.Count == topCount && top[^1].Count > _counter.DecrementSteps);
        return new CategoricalSummary(
            _counter.DistinctCount,
            !_counter.Overflowed,
            top,
            topExact,
            _count == 0 ? 0 : _minLength,
            _maxLength,
            _count == 0 ? 0 : (double)_totalLength / _count);
    }

    private static long CodePoints(ReadOnlySpan<byte> utf8)
    {
        // Every code point has exactly one byte that is not a continuation byte (10xxxxxx).
        long count = 0;
        foreach (var b in utf8)
        {
            count += (b & 0xC0) != 0x80 ? 1 : 0;
        }

        return count;
    }
}
