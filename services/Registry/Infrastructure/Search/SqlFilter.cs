using Npgsql;

namespace Mlops.Registry.Infrastructure.Search;

/// <summary>
/// A search as SQL for PostgreSQL. Every value from the caller is in <see cref="Parameters"/>, referenced by name
/// (<c>@search_0</c>...); the SQL text holds only the mapping's expressions, operators and parameter names.
/// </summary>
/// <param name="WhereSql">A parenthesized boolean expression, <c>TRUE</c> when the filter has no conditions.</param>
/// <param name="OrderBySql">The ORDER BY list without the keywords, empty when there is no ordering; append a tie-breaker to it.</param>
/// <param name="Parameters">The parameters of both. An NpgsqlParameter belongs to one command: use <see cref="CloneParameters"/> for another.</param>
/// <param name="OrderBy">The same ordering as a list, for a keyset predicate.</param>
public sealed record SqlFilter(string WhereSql, string OrderBySql, IReadOnlyList<NpgsqlParameter> Parameters, IReadOnlyList<SqlOrderTerm> OrderBy)
{
    public NpgsqlParameter[] CloneParameters() => Parameters.Select(parameter => parameter.Clone()).ToArray();
}
