using System.Runtime.CompilerServices;

namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// Counts values exactly while they fit (a cap on distinct values and on their characters). Past that it runs the
/// Misra-Gries algorithm: a value that does not fit decrements every counter, and a counter at zero frees its slot.
/// A value left out of the table then occurs at most <see cref="DecrementSteps"/> times, which is what lets
/// the profile prove, or not, that its top categories are the true ones once a recount has made their counts exact.
/// </summary>
internal sealed class CategoryCounter
{
    private readonly int _capacity;
    private readonly long _charBudget;
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Stack<int> _freeSlots = new();
    private string?[] _keys = new string?[16];
    private long[] _counts = new long[16];
    private int _usedSlots;
    private long _chars;
    private bool _recounting;

    public CategoryCounter(int capacity, long charBudget)
    {
        _capacity = capacity;
        _charBudget = charBudget;
        _lookup = _slots.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool Overflowed { get; private set; }

    /// <summary>The distinct count when exact; past the cap, the table's size then plus the value that did not fit.</summary>
    public long DistinctCount { get; private set; }

    public long DecrementSteps { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out var slot))
        {
            _counts[slot]++;
            return;
        }

        if (_recounting)
        {
            return;
        }

        if (_slots.Count < _capacity && _chars + value.Length <= _charBudget)
        {
            Insert(value.ToString());
            if (!Overflowed)
            {
                DistinctCount = _slots.Count;
            }

            return;
        }

        if (!Overflowed)
        {
            Overflowed = true;
            DistinctCount = _slots.Count + 1;
        }

        DecrementAll();
    }

    /// <summary>From now on only the values in the table are counted, from zero: their exact counts.</summary>
    public void BeginRecount()
    {
        _recounting = true;
        Array.Clear(_counts);
    }

    public IEnumerable<CategoryCount> Counts()
    {
        for (var slot = 0; slot < _usedSlots; slot++)
        {
            if (_keys[slot] is { } key && _counts[slot] > 0)
            {
                yield return new CategoryCount(key, _counts[slot]);
            }
        }
    }

    private void Insert(string value)
    {
        if (!_freeSlots.TryPop(out var slot))
        {
            slot = _usedSlots++;
            if (slot == _keys.Length)
            {
                Array.Resize(ref _keys, _keys.Length * 2);
                Array.Resize(ref _counts, _counts.Length * 2);
            }
        }

        _keys[slot] = value;
        _counts[slot] = 1;
        _slots.Add(value, slot);
        _chars += value.Length;
    }

    private void DecrementAll()
    {
        DecrementSteps++;
        for (var slot = 0; slot < _usedSlots; slot++)
        {
            if (_keys[slot] is { } key && --_counts[slot] == 0)
            {
                _slots.Remove(key);
                _keys[slot] = null;
                _chars -= key.Length;
                _freeSlots.Push(slot);
            }
        }

        // Keep the slots at least half used, so a sweep costs no more than the counts it removes.
        if (_slots.Count < _usedSlots / 2)
        {
            Compact();
        }
    }

    private void Compact()
    {
        var used = 0;
        for (var slot = 0; slot < _usedSlots; slot++)
        {
            if (_keys[slot] is { } key)
            {
                _keys[used] = key;
                _counts[used] = _counts[slot];
                _slots[key] = used;
                used++;
            }
        }

        Array.Clear(_keys, used, _usedSlots - used);
        _usedSlots = used;
        _freeSlots.Clear();
    }
}
