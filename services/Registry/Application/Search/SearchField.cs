namespace Mlops.Registry.Application.Search;

/// <summary>A field the schema knows: an attribute (<see cref="Key"/> null) or one key of a family.</summary>
/// <param name="Name">The attribute's name, or the family's canonical prefix (<c>tags</c> even if written <c>tag.x</c>).</param>
/// <param name="Key">The key within the family, or null for an attribute.</param>
/// <param name="Type">What the field holds.</param>
public sealed record SearchField(string Name, string? Key, SearchValueType Type)
{
    public override string ToString() => Key is null ? Name : $"{Name}.{Key}";
}
