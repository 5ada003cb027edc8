using Mlops.Registry.Application.Datasets.Profiling;

namespace Mlops.Registry.Application.Datasets;

/// <summary>
/// A declared schema against a profiled file. Names must match both ways (a refusal naming the columns); a declared
/// type the profile contradicts is only a warning, because inference from text can be narrower than the intent
/// (a column of zip codes declared string profiles as integer).
/// </summary>
public static class DatasetSchemaCheck
{
    private const int MaxNamesShown = 10;
    private const int MaxNameShown = 100;

    /// <summary>The warnings on types; none without a declared schema.</summary>
    /// <exception cref="RegistryException">INVALID_ARGUMENT naming the columns declared but absent, and present but not declared.</exception>
    public static IReadOnlyList<string> Check(string field, IReadOnlyList<DatasetColumn> declared, IReadOnlyList<ColumnProfile> profiled)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(profiled);
        if (declared.Count == 0)
        {
            return [];
        }

        var inFile = profiled.ToDictionary(column => column.Name, column => column.Type, StringComparer.Ordinal);
        var declaredNames = declared.Select(column => column.Name).ToHashSet(StringComparer.Ordinal);
        var missing = declared.Where(column => !inFile.ContainsKey(column.Name)).Select(column => column.Name).ToList();
        var extra = profiled.Where(column => !declaredNames.Contains(column.Name)).Select(column => column.Name).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            var problems = new List<string>();
            if (missing.Count > 0)
            {
                problems.Add("declared but not in the file: " + List(missing));
            }

            if (extra.Count > 0)
            {
                problems.Add("in the file but not declared: " + List(extra));
            }

            throw RegistryException.Invalid($"{field} does not match the file's columns; {string.Join("; ", problems)}.");
        }

        var warnings = new List<string>();
        foreach (var column in declared)
        {
            if (column.Type is { } type && !Agrees(type, inFile[column.Name]))
            {
                warnings.Add($"column '{column.Name}': declared {DatasetNames.Of(type)}, profiled {DatasetNames.Of(inFile[column.Name])}");
            }
        }

        return warnings;
    }

    /// <summary>A column of nulls contradicts no type, and integers are floats.</summary>
    private static bool Agrees(ColumnType declared, ColumnType profiled) =>
        profiled == declared || profiled == ColumnType.Null || (declared == ColumnType.Float && profiled == ColumnType.Integer);

    private static string List(List<string> names)
    {
        var shown = string.Join(", ", names.Take(MaxNamesShown).Select(name => name.Length <= MaxNameShown ? $"'{name}'" : $"'{name[..MaxNameShown]}…'"));
        return names.Count > MaxNamesShown ? $"{shown} and {names.Count - MaxNamesShown} more" : shown;
    }
}
