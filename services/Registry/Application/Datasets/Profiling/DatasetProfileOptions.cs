namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>How to read a dataset file. The CSV settings are ignored for JSON Lines.</summary>
public sealed record DatasetProfileOptions(DatasetFormat Format)
{
    public const int MaxCsvNullValues = 64;
    public const int MaxCsvNullValueLength = 256;

    /// <summary>Any ASCII character but '"', CR and LF.</summary>
    public char CsvDelimiter { get; init; } = ',';

    /// <summary>Whether the first record names the columns; without it they are column_1, column_2, ...</summary>
    public bool CsvHeaderRow { get; init; } = true;

    /// <summary>Field contents read as null, besides the empty field (compared exactly, case-sensitive).</summary>
    public IReadOnlyList<string> CsvNullValues { get; init; } = [];

    public DatasetProfileLimits Limits { get; init; } = DatasetProfileLimits.Default;
}
