namespace Mlops.Registry.Application.Search;

/// <summary>
/// A number. <see cref="Value"/> may be NaN or infinite (written as such, or too large): the parser keeps it so
/// that validation can refuse it with a message about the value rather than about the syntax.
/// </summary>
public sealed record NumberLiteral(double Value, int Position, string Text) : FilterLiteral(Position, Text);
