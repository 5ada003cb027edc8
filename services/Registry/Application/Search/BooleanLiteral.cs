namespace Mlops.Registry.Application.Search;

/// <summary><c>true</c> or <c>false</c>, in any case.</summary>
public sealed record BooleanLiteral(bool Value, int Position, string Text) : FilterLiteral(Position, Text);
