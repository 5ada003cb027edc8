namespace Mlops.Registry.Application.Datasets;

/// <summary>The formats a dataset version's file can have; only CSV and JSON Lines are profiled.</summary>
public enum DatasetFileFormat
{
    Csv,
    JsonLines,
    Parquet,
    Other,
}
