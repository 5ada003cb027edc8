using System.Globalization;

namespace Mlops.Registry.Application.Search;

/// <summary>
/// Parses order_by: a list of strings, each <c>identifier [ASC|DESC]</c> (ascending when neither is written).
/// Errors name the element (<c>order_by[1]</c>) and the position in its text.
/// </summary>
public static class OrderByParser
{
    public static IReadOnlyList<OrderByClause> Parse(IReadOnlyList<string>? orderBy)
    {
        if (orderBy is null || orderBy.Count == 0)
        {
            return [];
        }

        if (orderBy.Count > SearchLimits.MaxOrderByClauses)
        {
            throw new SearchFilterException(
                Argument(SearchLimits.MaxOrderByClauses),
                0,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"one clause too many at position 0: order_by has {orderBy.Count} clauses and at most {SearchLimits.MaxOrderByClauses} are allowed"));
        }

        var clauses = new OrderByClause[orderBy.Count];
        for (var i = 0; i < orderBy.Count; i++)
        {
            clauses[i] = ParseClause(orderBy[i] ?? "", i);
        }

        return clauses;
    }

    private static OrderByClause ParseClause(string text, int index)
    {
        var argument = Argument(index);
        if (text.Length > SearchLimits.MaxOrderByLength)
        {
            throw new SearchFilterException(
                argument,
                SearchLimits.MaxOrderByLength,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"the clause is {text.Length} characters long and goes past the limit at position {SearchLimits.MaxOrderByLength}: at most {SearchLimits.MaxOrderByLength} are allowed"));
        }

        var end = $"end of {argument}";
        var scanner = new SearchScanner(text, argument, end);
        var field = scanner.ReadField("");
        var descending = false;
        var hasDirection = scanner.TryKeyword("ASC") || (descending = scanner.TryKeyword("DESC"));
        scanner.SkipSpace();
        if (!scanner.AtEnd)
        {
            throw hasDirection
                ? scanner.Expected(end, $" after '{scanner.WrittenSince(field.Position).TrimEnd()}'")
                : scanner.Expected($"ASC, DESC or {end}", $" after '{field.Text}'");
        }

        return new OrderByClause(field, descending, index);
    }

    private static string Argument(int index) => string.Create(CultureInfo.InvariantCulture, $"order_by[{index}]");
}
