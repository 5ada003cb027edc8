namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// The columns in the order they were first seen. The first pass builds it; later passes only look names up, so a
/// file that changed between passes is noticed instead of profiled inconsistently.
/// </summary>
internal sealed class ColumnCatalog
{
    public const int MaxNameLength = 1_024;

    private readonly List<string> _names = [];
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public ColumnCatalog() => _lookup = _indexes.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _names.Count;

    public IReadOnlyList<string> Names => _names;

    public bool Frozen { get; private set; }

    public int IndexOf(ReadOnlySpan<char> name) => _lookup.TryGetValue(name, out var index) ? index : -1;

    public int Add(string name)
    {
        if (Frozen)
        {
            throw DataChanged();
        }

        _indexes.Add(name, _names.Count);
        _names.Add(name);
        return _names.Count - 1;
    }

    public void Freeze() => Frozen = true;

    /// <summary>Why a name cannot be a column's, or null when it can.</summary>
    public static string? Problem(ReadOnlySpan<char> name) =>
        name.IsWhiteSpace() ? "a column name is empty"
        : name.Length > MaxNameLength ? $"a column name is longer than {MaxNameLength} characters"
        : null;

    public static InvalidOperationException DataChanged() =>
        new("The dataset file changed while it was being profiled: a later pass read different data than the first.");
}
