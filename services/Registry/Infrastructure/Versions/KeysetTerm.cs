using NpgsqlTypes;

namespace Mlops.Registry.Infrastructure.Versions;

/// <summary>One ORDER BY element of a keyset-paged search: its SQL, direction, parameter type, and whether it can be NULL.</summary>
internal sealed record KeysetTerm(string Expression, bool Descending, NpgsqlDbType DbType, bool Nullable)
{
    /// <summary>
    /// NULLs last in either direction. A term that is never NULL says nothing about them: DESC NULLS LAST would not
    /// match a plain descending index, and the planner does not see that the column has no NULLs.
    /// </summary>
    public string Sql => $"{Expression} {(Descending ? "DESC" : "ASC")}{(Nullable ? " NULLS LAST" : "")}";
}
