namespace Mlops.Registry.Application.Search;

/// <summary>A plain searchable field, written bare (<c>name</c>) or as <c>attributes.name</c>.</summary>
/// <param name="Name">The identifier, case-sensitive.</param>
/// <param name="Type">What it holds.</param>
public sealed record SearchAttribute(string Name, SearchValueType Type)
{
    /// <summary>For <see cref="SearchValueType.Enum"/>: the values it can have, as stored.</summary>
    public IReadOnlyList<string> AllowedValues { get; init; } = [];

    /// <summary>Whether the field can be missing, so that IS NULL and IS NOT NULL mean something.</summary>
    public bool Nullable { get; init; }
}
