using System.Globalization;
using System.Text;
using Mlops.Registry.Application.Search;
using Npgsql;
using NpgsqlTypes;

namespace Mlops.Registry.Infrastructure.Search;

/// <summary>
/// Turns a validated filter and order_by into PostgreSQL with Npgsql parameters. Values and keys are only ever
/// parameters; the text is built from the mapping's SQL and fixed operators.
/// <para>
/// A condition on a key the row lacks is NULL, which WHERE treats as false: <c>tags.team != 'risk'</c> and
/// <c>tags.team NOT IN (...)</c> do not match rows without a team tag, as in MLflow; only
/// <c>tags.team IS NULL</c> does. A metric that is not a JSON number counts as missing rather than failing the query.
/// </para>
/// <para>
/// A comparison with a number key is a strict-mode jsonpath predicate (<c>v.metrics @@ 'strict $."auc" &gt; 0.9'</c>)
/// rather than a comparison of the extracted value: it means the same (strict mode makes a missing key, a string
/// or an array unknown, which WHERE treats as false), but PostgreSQL estimates how many rows match from the
/// column's statistics instead of guessing a third, so it picks a good plan, and a GIN jsonb_path_ops index on the
/// column can answer equality. Values are compared as exact decimals, which is the order of the doubles the
/// registry writes.
/// </para>
/// </summary>
public sealed class SearchSqlTranslator
{
    public const string DefaultParameterPrefix = "search_";

    private readonly SearchSqlMapping _mapping;
    private readonly string _prefix;
    private readonly List<NpgsqlParameter> _parameters = [];

    private SearchSqlTranslator(SearchSqlMapping mapping, string prefix)
    {
        _mapping = mapping;
        _prefix = prefix;
    }

    /// <param name="parameterPrefix">Names the parameters <c>@{prefix}0</c>, <c>@{prefix}1</c>...; choose one the surrounding query does not use.</param>
    public static SqlFilter Translate(ValidatedFilter filter, IReadOnlyList<OrderByField> orderBy, SearchSqlMapping mapping, string parameterPrefix = DefaultParameterPrefix)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(orderBy);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentException.ThrowIfNullOrEmpty(parameterPrefix);
        if (!char.IsAsciiLetter(parameterPrefix[0]) || !parameterPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException("A parameter prefix has ASCII letters, digits and '_', starting with a letter.", nameof(parameterPrefix));
        }

        var translator = new SearchSqlTranslator(mapping, parameterPrefix);
        var where = filter.Conditions.Count == 0 ? "TRUE" : $"({string.Join(" AND ", filter.Conditions.Select(translator.Condition))})";
        var terms = orderBy.Select(order => new SqlOrderTerm(translator.Value(order.Field), order.Descending)).ToArray();
        return new SqlFilter(where, string.Join(", ", terms.Select(term => term.Sql)), translator._parameters.ToArray(), terms);
    }

    private static NpgsqlDbType DbType(SearchValueType type) => type switch
    {
        SearchValueType.Text or SearchValueType.Enum => NpgsqlDbType.Text,
        SearchValueType.Number => NpgsqlDbType.Double,
        SearchValueType.Integer => NpgsqlDbType.Bigint,
        SearchValueType.Timestamp => NpgsqlDbType.TimestampTz,
        SearchValueType.Boolean => NpgsqlDbType.Boolean,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The values of IN as an array of their CLR type, which Npgsql sends as one array parameter.</summary>
    private static Array TypedArray(SearchValueType type, IReadOnlyList<object> values) => type switch
    {
        SearchValueType.Text or SearchValueType.Enum => values.Cast<string>().ToArray(),
        SearchValueType.Number => values.Cast<double>().ToArray(),
        SearchValueType.Integer => values.Cast<long>().ToArray(),
        SearchValueType.Timestamp => values.Cast<DateTimeOffset>().ToArray(),
        SearchValueType.Boolean => values.Cast<bool>().ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private string Condition(FilterCondition condition)
    {
        var field = condition.Field;

        // Containment can use a GIN index on the jsonb column, where (tags ->> key) = value cannot.
        if (condition.Operator == FilterOperator.Equal && field is { Key: not null, Type: SearchValueType.Text })
        {
            var key = Parameter(field.Key, NpgsqlDbType.Text);
            return $"{_mapping.KeyFamily(field.Name)} @> jsonb_build_object({key}, {Parameter(condition.Values[0], NpgsqlDbType.Text)})";
        }

        if (field is { Key: not null, Type: SearchValueType.Number } && condition.Operator is not (FilterOperator.IsNull or FilterOperator.IsNotNull))
        {
            return $"{_mapping.KeyFamily(field.Name)} @@ {Parameter(JsonPathPredicate(field.Key, condition.Operator, condition.Values), NpgsqlDbType.JsonPath)}";
        }

        var value = Value(field);
        return condition.Operator switch
        {
            FilterOperator.IsNull => $"{value} IS NULL",
            FilterOperator.IsNotNull => $"{value} IS NOT NULL",
            FilterOperator.In => $"{value} = ANY({Parameter(TypedArray(field.Type, condition.Values), NpgsqlDbType.Array | DbType(field.Type))})",
            FilterOperator.NotIn => $"{value} <> ALL({Parameter(TypedArray(field.Type, condition.Values), NpgsqlDbType.Array | DbType(field.Type))})",
            _ => $"{value} {SqlOperator(condition.Operator)} {Parameter(condition.Values[0], DbType(field.Type))}",
        };
    }

    private static string SqlOperator(FilterOperator op) => op switch
    {
        FilterOperator.Equal => "=",
        FilterOperator.NotEqual => "<>",
        FilterOperator.Less => "<",
        FilterOperator.LessOrEqual => "<=",
        FilterOperator.Greater => ">",
        FilterOperator.GreaterOrEqual => ">=",

        // PostgreSQL's default escape character for LIKE is the backslash: \% and \_ match themselves.
        FilterOperator.Like => "LIKE",
        FilterOperator.ILike => "ILIKE",
        FilterOperator.NotLike => "NOT LIKE",
        FilterOperator.NotILike => "NOT ILIKE",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>
    /// A jsonpath predicate on one key: <c>strict $."auc" &gt; 0.9</c>, or for IN a disjunction of equalities. The key
    /// is a quoted jsonpath string with its quotes, backslashes and control characters escaped; the numbers are
    /// round-trip formatted doubles. The whole predicate is a parameter, never SQL text.
    /// </summary>
    internal static string JsonPathPredicate(string key, FilterOperator op, IReadOnlyList<object> values)
    {
        var member = new StringBuilder("$.\"");
        foreach (var c in key)
        {
            _ = c switch
            {
                '"' or '\\' => member.Append('\\').Append(c),
                < ' ' or '\u007f' => member.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => member.Append(c),
            };
        }

        var path = member.Append('"').ToString();
        var numbers = values.Select(value => ((double)value).ToString("R", CultureInfo.InvariantCulture)).ToArray();
        var predicate = op switch
        {
            FilterOperator.In => string.Join(" || ", numbers.Select(number => $"{path} == {number}")),
            FilterOperator.NotIn => string.Join(" && ", numbers.Select(number => $"{path} != {number}")),
            _ => $"{path} {JsonPathOperator(op)} {numbers[0]}",
        };
        return "strict " + predicate;
    }

    private static string JsonPathOperator(FilterOperator op) => op switch
    {
        FilterOperator.Equal => "==",
        FilterOperator.NotEqual => "!=",
        FilterOperator.Less => "<",
        FilterOperator.LessOrEqual => "<=",
        FilterOperator.Greater => ">",
        FilterOperator.GreaterOrEqual => ">=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>The SQL of a field's value: the mapped expression, or the key's value out of the jsonb column (NULL when missing).</summary>
    private string Value(SearchField field)
    {
        if (field.Key is null)
        {
            return _mapping.Attribute(field.Name);
        }

        var column = _mapping.KeyFamily(field.Name);
        var key = Parameter(field.Key, NpgsqlDbType.Text);
        return field.Type == SearchValueType.Number
            ? $"(CASE WHEN jsonb_typeof({column} -> {key}) = 'number' THEN ({column} ->> {key})::double precision END)"
            : $"({column} ->> {key})";
    }

    private string Parameter(object value, NpgsqlDbType type)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{_prefix}{_parameters.Count}");
        _parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        return "@" + name;
    }
}
