namespace Mlops.Registry.Application.Search;

/// <summary>
/// A family of fields addressed by key, such as <c>tags.&lt;key&gt;</c>: a map stored with the row, any key of
/// which may be missing.
/// </summary>
/// <param name="Name">The prefix, such as <c>tags</c>.</param>
/// <param name="ValueType">What every key holds: <see cref="SearchValueType.Text"/> or <see cref="SearchValueType.Number"/>.</param>
public sealed record SearchKeyFamily(string Name, SearchValueType ValueType)
{
    /// <summary>Other prefixes that mean the same, such as <c>tag</c> for <c>tags</c> as MLflow accepts.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
}
