namespace Mlops.Registry.Application.Search;

/// <summary>A quoted string, its quotes removed and doubled quotes undone.</summary>
public sealed record StringLiteral(string Value, int Position, string Text) : FilterLiteral(Position, Text);
