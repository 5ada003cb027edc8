namespace Mlops.EventContracts;

/// <summary>
/// Value equality for the collections inside event records, which records would otherwise compare by reference: an
/// event read back from the outbox or the broker equals the one that was sent.
/// </summary>
internal static class ContractEquality
{
    public static bool SameItems<T>(IReadOnlyList<T> left, IReadOnlyList<T> right) => left.SequenceEqual(right);

    public static bool SameEntries<TValue>(IReadOnlyDictionary<string, TValue> left, IReadOnlyDictionary<string, TValue> right) =>
        left.Count == right.Count
        && left.All(entry => right.TryGetValue(entry.Key, out var value) && EqualityComparer<TValue>.Default.Equals(entry.Value, value));

    /// <summary>Order-independent for dictionaries, as their equality is.</summary>
    public static int HashEntries<TValue>(IReadOnlyDictionary<string, TValue> entries) =>
        entries.Aggregate(entries.Count, (hash, entry) => hash ^ HashCode.Combine(entry.Key, entry.Value));

    public static int HashItems<T>(IReadOnlyList<T> items) => items.Aggregate(items.Count, HashCode.Combine);
}
