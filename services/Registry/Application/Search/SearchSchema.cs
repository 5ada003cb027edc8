using System.Globalization;

namespace Mlops.Registry.Application.Search;

/// <summary>
/// What one search accepts: its attributes and key families, their types, and so which operators and literals
/// make sense. Checking a parsed filter against it is a step of its own so that the grammar stays the same for
/// every search while the identifiers differ.
/// </summary>
public sealed class SearchSchema
{
    private const string FilterArgument = "filter";

    // MLflow lets any attribute be written with this prefix too: attributes.name is name.
    private static readonly string[] AttributePrefixes = ["attributes", "attribute"];

    // ISO-8601 as people write it in a filter: a date, or a date and time with an optional fraction and offset.
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd'T'HH:mm'Z'",
        "yyyy-MM-dd'T'HH:mmzzz",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
    ];

    private readonly Dictionary<string, SearchAttribute> _attributes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SearchKeyFamily> _families = new(StringComparer.Ordinal);

    public SearchSchema(IEnumerable<SearchAttribute> attributes, IEnumerable<SearchKeyFamily> keyFamilies)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(keyFamilies);
        Attributes = attributes.ToArray();
        KeyFamilies = keyFamilies.ToArray();
        foreach (var attribute in Attributes)
        {
            if (attribute.Type == SearchValueType.Enum && attribute.AllowedValues.Count == 0)
            {
                throw new ArgumentException($"The enum attribute '{attribute.Name}' needs its allowed values.", nameof(attributes));
            }

            if (!_attributes.TryAdd(attribute.Name, attribute))
            {
                throw new ArgumentException($"'{attribute.Name}' is declared twice.", nameof(attributes));
            }
        }

        foreach (var family in KeyFamilies)
        {
            if (family.ValueType is not (SearchValueType.Text or SearchValueType.Number))
            {
                throw new ArgumentException($"The values of '{family.Name}' must be Text or Number.", nameof(keyFamilies));
            }

            foreach (var prefix in family.Aliases.Prepend(family.Name))
            {
                if (AttributePrefixes.Contains(prefix) || !_families.TryAdd(prefix, family))
                {
                    throw new ArgumentException($"The prefix '{prefix}' is declared twice.", nameof(keyFamilies));
                }
            }
        }

        AllowedIdentifiers = string.Join(", ", Attributes.Select(a => a.Name).Concat(KeyFamilies.Select(f => $"{f.Name}.<key>")));
    }

    public IReadOnlyList<SearchAttribute> Attributes { get; }

    public IReadOnlyList<SearchKeyFamily> KeyFamilies { get; }

    /// <summary>The identifiers as a list for messages: <c>name, version, tags.&lt;key&gt;</c>.</summary>
    public string AllowedIdentifiers { get; }

    /// <summary>Parses and validates a filter; null or blank matches everything.</summary>
    public ValidatedFilter ParseFilter(string? filter) => ValidateFilter(FilterParser.Parse(filter));

    /// <summary>Parses and validates order_by; null or empty is no ordering.</summary>
    public IReadOnlyList<OrderByField> ParseOrderBy(IReadOnlyList<string>? orderBy) => ValidateOrderBy(OrderByParser.Parse(orderBy));

    public ValidatedFilter ValidateFilter(ParsedFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter.Terms.Count == 0 ? ValidatedFilter.MatchAll : new ValidatedFilter(filter.Terms.Select(Validate).ToArray());
    }

    public IReadOnlyList<OrderByField> ValidateOrderBy(IReadOnlyList<OrderByClause> clauses)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        var fields = new List<OrderByField>(clauses.Count);
        foreach (var clause in clauses)
        {
            var argument = string.Create(CultureInfo.InvariantCulture, $"order_by[{clause.Index}]");
            var (field, _) = Resolve(clause.Field, argument);
            var earlier = fields.FindIndex(f => f.Field == field);
            if (earlier >= 0)
            {
                throw new SearchFilterException(
                    argument,
                    clause.Field.Position,
                    string.Create(CultureInfo.InvariantCulture, $"'{clause.Field.Text}' at position {clause.Field.Position} is already ordered by in order_by[{clauses[earlier].Index}]"));
            }

            fields.Add(new OrderByField(field, clause.Descending));
        }

        return fields;
    }

    internal static string OperatorText(FilterOperator op) => op switch
    {
        FilterOperator.Equal => "=",
        FilterOperator.NotEqual => "!=",
        FilterOperator.Less => "<",
        FilterOperator.LessOrEqual => "<=",
        FilterOperator.Greater => ">",
        FilterOperator.GreaterOrEqual => ">=",
        FilterOperator.Like => "LIKE",
        FilterOperator.ILike => "ILIKE",
        FilterOperator.NotLike => "NOT LIKE",
        FilterOperator.NotILike => "NOT ILIKE",
        FilterOperator.In => "IN",
        FilterOperator.NotIn => "NOT IN",
        FilterOperator.IsNull => "IS NULL",
        FilterOperator.IsNotNull => "IS NOT NULL",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    private static SearchFilterException Error(int position, string detail) => new(FilterArgument, position, detail);

    private static string Found(FilterLiteral literal) => literal is StringLiteral ? $"the string {literal.Text}" : literal.Text;

    private static string Describe(SearchValueType type, SearchAttribute? attribute) => type switch
    {
        SearchValueType.Text => "text",
        SearchValueType.Number => "a number",
        SearchValueType.Integer => "an integer",
        SearchValueType.Timestamp => "a time",
        SearchValueType.Enum => $"one of {string.Join(", ", attribute!.AllowedValues)}",
        SearchValueType.Boolean => "true or false",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private FilterCondition Validate(FilterTerm term)
    {
        var (field, attribute) = Resolve(term.Field, FilterArgument);
        var op = OperatorText(term.Operator);
        var written = term.Field.Text;
        switch (term.Operator)
        {
            case FilterOperator.Like or FilterOperator.ILike or FilterOperator.NotLike or FilterOperator.NotILike when field.Type != SearchValueType.Text:
                throw Error(term.OperatorPosition, $"{op} at position {term.OperatorPosition} matches text, but '{written}' is {Describe(field.Type, attribute)}");
            case FilterOperator.Less or FilterOperator.LessOrEqual or FilterOperator.Greater or FilterOperator.GreaterOrEqual
                when field.Type is not (SearchValueType.Number or SearchValueType.Integer or SearchValueType.Timestamp):
                throw Error(
                    term.OperatorPosition,
                    $"'{op}' at position {term.OperatorPosition} compares numbers and times, but '{written}' is {Describe(field.Type, attribute)}; use =, !=, IN{(field.Type == SearchValueType.Text ? ", LIKE or ILIKE" : "")}");
            case FilterOperator.IsNull or FilterOperator.IsNotNull when attribute is { Nullable: false }:
                throw Error(term.OperatorPosition, $"{op} at position {term.OperatorPosition} does not apply to '{written}', which always has a value");
            default:
                break;
        }

        var values = term.Values.Select(value => Typed(field, attribute, written, value)).ToArray();
        if (term.Operator is FilterOperator.Like or FilterOperator.ILike or FilterOperator.NotLike or FilterOperator.NotILike)
        {
            CheckPattern((string)values[0], term.Values[0].Position);
        }

        return new FilterCondition(field, term.Operator, values);
    }

    /// <summary>
    /// A backslash escapes the next character in a pattern (PostgreSQL's default), so one at the very end escapes
    /// nothing; PostgreSQL would fail the query, so refuse it here with a position.
    /// </summary>
    private static void CheckPattern(string pattern, int position)
    {
        var trailing = pattern.Length - pattern.TrimEnd('\\').Length;
        if (trailing % 2 == 1)
        {
            throw Error(position, $"the pattern at position {position} ends with a lone backslash, which escapes nothing; write \\\\ to match a backslash");
        }
    }

    private static object Typed(SearchField field, SearchAttribute? attribute, string written, FilterLiteral literal)
    {
        var position = literal.Position;
        switch (field.Type)
        {
            case SearchValueType.Text:
                return literal is StringLiteral text
                    ? text.Value
                    : throw Error(position, $"'{written}' is text, so the value at position {position} must be a quoted string, found {literal.Text}; write '{literal.Text}'");
            case SearchValueType.Enum:
                var allowed = attribute!.AllowedValues;
                var match = literal is StringLiteral choice ? allowed.FirstOrDefault(a => string.Equals(a, choice.Value, StringComparison.OrdinalIgnoreCase)) : null;
                return match ?? throw Error(position, $"'{written}' is one of {string.Join(", ", allowed)}, found {Found(literal)} at position {position}");
            case SearchValueType.Number:
                return Finite(literal, written, "a number").Value;
            case SearchValueType.Integer:
                return Integer(Finite(literal, written, "an integer"))
                    ?? throw Error(position, $"'{written}' is an integer, found {literal.Text} at position {position}");
            case SearchValueType.Timestamp:
                return Timestamp(literal)
                    ?? throw Error(
                        position,
                        $"'{written}' is a time: write an ISO-8601 string such as '2025-01-31T12:00:00Z' or epoch milliseconds, found {Found(literal)} at position {position}");
            case SearchValueType.Boolean:
                return literal is BooleanLiteral boolean
                    ? boolean.Value
                    : throw Error(position, $"'{written}' is true or false, found {Found(literal)} at position {position}");
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field.Type, null);
        }
    }

    private static NumberLiteral Finite(FilterLiteral literal, string written, string what)
    {
        var position = literal.Position;
        if (literal is not NumberLiteral number)
        {
            throw Error(position, $"'{written}' is {what}, so the value at position {position} must be a number, found {Found(literal)}");
        }

        if (double.IsNaN(number.Value))
        {
            throw Error(position, $"{number.Text} at position {position} is not a number that can be compared: use a finite number");
        }

        return double.IsFinite(number.Value)
            ? number
            : throw Error(position, $"{number.Text} at position {position} is out of range: use a finite number");
    }

    private static long? Integer(NumberLiteral number)
    {
        if (long.TryParse(number.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exact))
        {
            return exact;
        }

        // 1e3 or 5.0 are integers too; beyond 2^53 a double no longer says exactly which one.
        const double ExactLimit = 9007199254740992;
        return Math.Abs(number.Value) <= ExactLimit && number.Value == Math.Floor(number.Value) ? (long)number.Value : null;
    }

    /// <summary>An ISO-8601 string (UTC unless it says otherwise) or whole epoch milliseconds, as UTC.</summary>
    private static DateTimeOffset? Timestamp(FilterLiteral literal)
    {
        switch (literal)
        {
            case StringLiteral text when DateTimeOffset.TryParseExact(
                text.Value, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed):
                return parsed;
            case NumberLiteral number when double.IsFinite(number.Value) && Integer(number) is { } milliseconds
                && milliseconds >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds():
                return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
            default:
                return null;
        }
    }

    private (SearchField Field, SearchAttribute? Attribute) Resolve(FieldReference reference, string argument)
    {
        var position = reference.Position;
        if (reference.Prefix is null || AttributePrefixes.Contains(reference.Prefix))
        {
            if (_attributes.TryGetValue(reference.Name, out var attribute))
            {
                return (new SearchField(attribute.Name, null, attribute.Type), attribute);
            }

            if (reference.Prefix is null && _families.TryGetValue(reference.Name, out var bare))
            {
                throw new SearchFilterException(argument, position, $"'{reference.Name}' at position {position} needs a key, as in {bare.Name}.<key>");
            }

            var sameButCase = Attributes.FirstOrDefault(a => string.Equals(a.Name, reference.Name, StringComparison.OrdinalIgnoreCase));
            var hint = sameButCase is null ? "" : $" (identifiers are case-sensitive: '{sameButCase.Name}'?)";
            throw new SearchFilterException(argument, position, $"unknown identifier '{reference.Text}' at position {position}{hint}; this search knows {AllowedIdentifiers}");
        }

        if (_families.TryGetValue(reference.Prefix, out var family))
        {
            return (new SearchField(family.Name, reference.Name, family.ValueType), null);
        }

        throw new SearchFilterException(
            argument, position, $"unknown identifier '{reference.Text}' at position {position}: '{reference.Prefix}' is no prefix this search knows; it knows {AllowedIdentifiers}");
    }
}
