namespace Mlops.Registry.Infrastructure.Search;

/// <summary>
/// One ORDER BY element. Missing values (a row without the tag or metric) always come last, whichever the
/// direction, so a keyset predicate built from these must treat NULL as greater than every value when ascending
/// and as smaller than every value when descending.
/// </summary>
/// <param name="Expression">The SQL of the value, which may use the filter's parameters.</param>
public sealed record SqlOrderTerm(string Expression, bool Descending)
{
    public string Sql => $"{Expression} {(Descending ? "DESC" : "ASC")} NULLS LAST";
}
