using System.Text.Json.Serialization;

namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// What the registry knows about a dataset version's file: computed once at registration, stored as JSON and
/// reused by monitoring as its drift baseline. Every figure is defined in docs/dataset-profile.md.
/// </summary>
public sealed record DatasetProfile(
    DatasetFormat Format,
    CsvFormatSettings? Csv,
    ProfileSettings Settings,
    long RowCount,
    int ColumnCount,
    IReadOnlyList<ColumnProfile> Columns)
{
    /// <summary>The version of the JSON form; bumped whenever the meaning of a figure changes.</summary>
    public const int CurrentVersion = 1;

    [JsonPropertyOrder(-1)]
    public int ProfileVersion { get; init; } = CurrentVersion;
}
