using System.Globalization;

namespace Mlops.Registry.Application.Search;

/// <summary>
/// Parses a search filter in MLflow's style: conditions joined by AND, optionally grouped in parentheses.
/// <code>
/// filter     := [ conjunction ]
/// conjunction:= term { AND term }
/// term       := '(' conjunction ')' | condition
/// condition  := field ( comparison value
///                     | [NOT] LIKE value | [NOT] ILIKE value
///                     | [NOT] IN '(' value { ',' value } ')'
///                     | IS [NOT] NULL )
/// field      := word [ '.' ( word | `quoted` | "quoted" ) ]
/// value      := 'string' | "string" | number | TRUE | FALSE
/// </code>
/// Keywords are case-insensitive. Errors are <see cref="SearchFilterException"/>s with the position of the problem.
/// </summary>
public sealed class FilterParser
{
    private const string Argument = "filter";

    private readonly SearchScanner _scanner;
    private readonly List<FilterTerm> _terms = [];

    private FilterParser(string filter) => _scanner = new SearchScanner(filter, Argument, "end of filter");

    /// <summary>The filter's conditions; a null, empty or blank filter has none.</summary>
    public static ParsedFilter Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return ParsedFilter.Empty;
        }

        if (filter.Length > SearchLimits.MaxFilterLength)
        {
            throw new SearchFilterException(
                Argument,
                SearchLimits.MaxFilterLength,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"the filter is {filter.Length} characters long and goes past the limit at position {SearchLimits.MaxFilterLength}: at most {SearchLimits.MaxFilterLength} are allowed"));
        }

        var parser = new FilterParser(filter);
        parser.ParseConjunction(depth: 0, openParenthesis: -1);
        return new ParsedFilter(parser._terms.ToArray());
    }

    private void ParseConjunction(int depth, int openParenthesis)
    {
        while (true)
        {
            ParseTerm(depth);
            if (_scanner.TryKeyword("AND"))
            {
                continue;
            }

            if (_scanner.IsKeyword("OR"))
            {
                throw _scanner.Error(
                    _scanner.Position,
                    $"OR at position {_scanner.Position} is not supported: a filter is conditions that must all hold, joined by AND");
            }

            if (depth > 0)
            {
                if (_scanner.TryChar(')'))
                {
                    return;
                }

                var position = _scanner.Position;
                throw _scanner.Error(
                    position, $"expected AND or ')' at position {position} to close the '(' at position {openParenthesis}, found {_scanner.Describe(position)}");
            }

            if (_scanner.IsNext(')'))
            {
                throw _scanner.Error(_scanner.Position, $"unmatched ')' at position {_scanner.Position}");
            }

            if (!_scanner.AtEnd)
            {
                throw _scanner.Expected("AND or end of filter", "");
            }

            return;
        }
    }

    private void ParseTerm(int depth)
    {
        _scanner.SkipSpace();
        var start = _scanner.Position;
        if (!_scanner.TryChar('('))
        {
            ParseCondition();
            return;
        }

        if (depth == SearchLimits.MaxNesting)
        {
            throw _scanner.Error(start, $"parentheses are nested more than {SearchLimits.MaxNesting} deep at position {start}");
        }

        ParseConjunction(depth + 1, start);
    }

    private void ParseCondition()
    {
        _scanner.SkipSpace();
        if (_terms.Count == SearchLimits.MaxConditions)
        {
            throw _scanner.Error(
                _scanner.Position,
                $"too many conditions: the filter may have at most {SearchLimits.MaxConditions}, and one more starts at position {_scanner.Position}");
        }

        var field = _scanner.ReadField(_terms.Count == 0 ? "" : " after AND");
        _scanner.SkipSpace();
        var operatorPosition = _scanner.Position;
        var after = $" after '{field.Text}'";
        if (_scanner.TryComparison() is { } comparison)
        {
            Add(field, comparison, operatorPosition, _scanner.ReadValue($" after '{_scanner.WrittenSince(operatorPosition)}'"));
        }
        else if (_scanner.TryKeyword("LIKE"))
        {
            Add(field, FilterOperator.Like, operatorPosition, _scanner.ReadValue(" after LIKE"));
        }
        else if (_scanner.TryKeyword("ILIKE"))
        {
            Add(field, FilterOperator.ILike, operatorPosition, _scanner.ReadValue(" after ILIKE"));
        }
        else if (_scanner.TryKeyword("IN"))
        {
            _terms.Add(new FilterTerm(field, FilterOperator.In, operatorPosition, ReadList("IN")));
        }
        else if (_scanner.TryKeyword("NOT"))
        {
            if (_scanner.TryKeyword("LIKE"))
            {
                Add(field, FilterOperator.NotLike, operatorPosition, _scanner.ReadValue(" after NOT LIKE"));
            }
            else if (_scanner.TryKeyword("ILIKE"))
            {
                Add(field, FilterOperator.NotILike, operatorPosition, _scanner.ReadValue(" after NOT ILIKE"));
            }
            else if (_scanner.TryKeyword("IN"))
            {
                _terms.Add(new FilterTerm(field, FilterOperator.NotIn, operatorPosition, ReadList("NOT IN")));
            }
            else
            {
                throw _scanner.Expected("LIKE, ILIKE or IN", " after NOT");
            }
        }
        else if (_scanner.TryKeyword("IS"))
        {
            var negated = _scanner.TryKeyword("NOT");
            if (!_scanner.TryKeyword("NULL"))
            {
                throw _scanner.Expected("NULL", negated ? " after IS NOT" : " after IS");
            }

            _terms.Add(new FilterTerm(field, negated ? FilterOperator.IsNotNull : FilterOperator.IsNull, operatorPosition, []));
        }
        else
        {
            throw _scanner.Expected("a comparison (=, !=, <>, <, <=, >, >=, LIKE, ILIKE, IN, NOT, IS)", after);
        }
    }

    private void Add(FieldReference field, FilterOperator op, int operatorPosition, FilterLiteral value) =>
        _terms.Add(new FilterTerm(field, op, operatorPosition, [value]));

    private FilterLiteral[] ReadList(string keyword)
    {
        if (!_scanner.TryChar('('))
        {
            throw _scanner.Expected("'('", $" after {keyword}");
        }

        var values = new List<FilterLiteral>();
        while (true)
        {
            _scanner.SkipSpace();
            if (values.Count == SearchLimits.MaxInValues)
            {
                throw _scanner.Error(
                    _scanner.Position,
                    $"too many values in the {keyword} list: at most {SearchLimits.MaxInValues} are allowed, and one more starts at position {_scanner.Position}");
            }

            values.Add(_scanner.ReadValue(values.Count == 0 ? $" after '{keyword} ('" : " after ','"));
            if (_scanner.TryChar(','))
            {
                continue;
            }

            if (_scanner.TryChar(')'))
            {
                return values.ToArray();
            }

            throw _scanner.Expected("',' or ')'", $" in the {keyword} list");
        }
    }
}
