namespace Mlops.Registry.Application.Search;

/// <summary>
/// An identifier as written: <c>name</c> (no prefix) or <c>tags.team</c> (prefix <c>tags</c>, name <c>team</c>, which
/// may have been quoted). What it refers to is the schema's business, not the parser's.
/// </summary>
/// <param name="Prefix">The part before the dot, or null for a bare identifier.</param>
/// <param name="Name">The bare identifier, or the key after the dot with its quotes removed.</param>
/// <param name="Position">Where the identifier starts.</param>
/// <param name="Text">The identifier exactly as written, for messages.</param>
public sealed record FieldReference(string? Prefix, string Name, int Position, string Text);
