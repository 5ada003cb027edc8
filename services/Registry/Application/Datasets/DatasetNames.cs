using Mlops.Registry.Application.Datasets.Profiling;

namespace Mlops.Registry.Application.Datasets;

/// <summary>The names of formats and column types in messages, events and audit details: those of the profile's JSON form.</summary>
public static class DatasetNames
{
    public static string Of(DatasetFileFormat format) => format switch
    {
        DatasetFileFormat.Csv => "csv",
        DatasetFileFormat.JsonLines => "json_lines",
        DatasetFileFormat.Parquet => "parquet",
        _ => "other",
    };

    public static string Of(ColumnType type) => type switch
    {
        ColumnType.Null => "null",
        ColumnType.Boolean => "boolean",
        ColumnType.Integer => "integer",
        ColumnType.Float => "float",
        ColumnType.String => "string",
        ColumnType.Timestamp => "timestamp",
        ColumnType.Object => "object",
        ColumnType.Array => "array",
        _ => "mixed",
    };
}
