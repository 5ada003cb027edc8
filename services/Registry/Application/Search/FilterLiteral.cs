namespace Mlops.Registry.Application.Search;

/// <summary>A constant on the right of a condition.</summary>
/// <param name="Position">Where the literal starts.</param>
/// <param name="Text">The literal exactly as written, for messages.</param>
public abstract record FilterLiteral(int Position, string Text);
