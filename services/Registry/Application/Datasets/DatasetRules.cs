using System.Globalization;
using Mlops.Registry.Application.Datasets.Profiling;

namespace Mlops.Registry.Application.Datasets;

/// <summary>The contract's rules for dataset version headers, checked before a byte of the file is stored.</summary>
public static class DatasetRules
{
    public const int MaxFileNameLength = 1024;
    public const int MaxColumnNameLength = 1024;

    public static DatasetFileFormat Format(string field, DatasetFileFormat? format) =>
        format ?? throw RegistryException.Invalid($"{field} is required: CSV, JSON_LINES, PARQUET or OTHER.");

    /// <summary>The options a CSV file is read with, defaults filled in; null for other formats, which must not have any.</summary>
    public static CsvFormatSettings? CsvOptions(string field, DatasetFileFormat format, CsvOptionsRequest? options)
    {
        if (format != DatasetFileFormat.Csv)
        {
            return options is null
                ? null
                : throw RegistryException.Invalid($"{field} applies to CSV only, not to {DatasetNames.Of(format)}.");
        }

        var delimiter = string.IsNullOrEmpty(options?.Delimiter) ? "," : options.Delimiter;
        if (delimiter.Length != 1 || delimiter[0] is '"' or '\r' or '\n' or '\0' || !char.IsAscii(delimiter[0]))
        {
            throw RegistryException.Invalid($"{field}.delimiter '{delimiter}' is invalid: it must be one ASCII character other than '\"', CR, LF and NUL.");
        }

        var nullValues = options?.NullValues ?? [];
        if (nullValues.Count > DatasetProfileOptions.MaxCsvNullValues)
        {
            throw RegistryException.Invalid(string.Create(
                CultureInfo.InvariantCulture,
                $"{field}.null_values has {nullValues.Count} values: at most {DatasetProfileOptions.MaxCsvNullValues} are allowed."));
        }

        if (nullValues.FirstOrDefault(value => value.Length > DatasetProfileOptions.MaxCsvNullValueLength) is { } tooLong)
        {
            throw RegistryException.Invalid(string.Create(
                CultureInfo.InvariantCulture,
                $"{field}.null_values has a value of {tooLong.Length} characters: at most {DatasetProfileOptions.MaxCsvNullValueLength} are allowed."));
        }

        return new CsvFormatSettings(delimiter, options?.HeaderRow ?? true, [.. nullValues]);
    }

    /// <summary>A declared schema: column names of 1 to 1,024 characters, each once, at most as many as a profile can have.</summary>
    public static IReadOnlyList<DatasetColumn> Schema(string field, IReadOnlyList<DatasetColumn> schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var maxColumns = DatasetProfileLimits.Default.MaxColumns;
        if (schema.Count > maxColumns)
        {
            throw RegistryException.Invalid(string.Create(CultureInfo.InvariantCulture, $"{field} has {schema.Count} columns: at most {maxColumns} are allowed."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < schema.Count; i++)
        {
            var name = schema[i].Name;
            if (name.Length is 0 or > MaxColumnNameLength)
            {
                throw RegistryException.Invalid(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{field}[{i}].name is invalid: a column name has 1 to {MaxColumnNameLength} characters."));
            }

            if (!seen.Add(name))
            {
                throw RegistryException.Invalid(string.Create(CultureInfo.InvariantCulture, $"{field}[{i}].name '{name}' is declared twice."));
            }
        }

        return schema;
    }

    public static string FileName(string field, string? fileName, DatasetFileFormat format)
    {
        if (string.IsNullOrEmpty(fileName))
        {
            return format switch
            {
                DatasetFileFormat.Csv => "data.csv",
                DatasetFileFormat.JsonLines => "data.jsonl",
                DatasetFileFormat.Parquet => "data.parquet",
                _ => "data",
            };
        }

        return fileName.Length <= MaxFileNameLength
            ? fileName
            : throw RegistryException.Invalid(string.Create(CultureInfo.InvariantCulture, $"{field} is too long: at most {MaxFileNameLength} characters, not {fileName.Length}."));
    }
}
