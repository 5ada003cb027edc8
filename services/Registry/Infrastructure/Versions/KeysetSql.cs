using System.Globalization;
using Mlops.Registry.Application.Search;
using Npgsql;
using NpgsqlTypes;

namespace Mlops.Registry.Infrastructure.Versions;

/// <summary>
/// The condition "comes after this cursor" in an ORDER BY whose NULLs come last in either direction and whose last
/// term is a unique, non-null tie-breaker. Cursor values become parameters (<c>@page_0</c>...).
/// </summary>
internal static class KeysetSql
{
    public static string After(IReadOnlyList<KeysetTerm> terms, IReadOnlyList<object?> values, List<NpgsqlParameter> parameters)
    {
        var names = new string?[terms.Count];
        for (var i = 0; i < terms.Count; i++)
        {
            if (values[i] is { } value)
            {
                names[i] = string.Create(CultureInfo.InvariantCulture, $"@page_{i}");
                parameters.Add(new NpgsqlParameter(names[i]![1..], terms[i].DbType) { Value = value });
            }
        }

        // The common case, and the one an index on the same columns serves: a row comparison.
        var descending = terms[0].Descending;
        if (terms.All(term => !term.Nullable && term.Descending == descending) && names.All(name => name is not null))
        {
            return $"({string.Join(", ", terms.Select(term => term.Expression))}) {(descending ? "<" : ">")} ({string.Join(", ", names)})";
        }

        // Otherwise, lexicographically: equal on the first i terms and after on term i, for some i.
        var alternatives = new List<string>();
        var equalSoFar = new List<string>();
        for (var i = 0; i < terms.Count; i++)
        {
            var term = terms[i];
            if (names[i] is { } name)
            {
                // NULLs come last: after a value are greater (ASC) or smaller (DESC) values, and then the NULLs.
                var after = $"{term.Expression} {(term.Descending ? "<" : ">")} {name}";
                if (term.Nullable)
                {
                    after = $"({after} OR {term.Expression} IS NULL)";
                }

                alternatives.Add(string.Join(" AND ", equalSoFar.Append(after)));
                equalSoFar.Add($"{term.Expression} = {name}");
            }
            else
            {
                // Nothing sorts after NULL in this term; the rows that share it continue with the next term.
                equalSoFar.Add($"{term.Expression} IS NULL");
            }
        }

        return alternatives.Count == 0 ? "FALSE" : $"(({string.Join(") OR (", alternatives)}))";
    }

    public static NpgsqlDbType DbType(SearchValueType type) => type switch
    {
        SearchValueType.Text or SearchValueType.Enum => NpgsqlDbType.Text,
        SearchValueType.Number => NpgsqlDbType.Double,
        SearchValueType.Integer => NpgsqlDbType.Bigint,
        SearchValueType.Timestamp => NpgsqlDbType.TimestampTz,
        SearchValueType.Boolean => NpgsqlDbType.Boolean,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
