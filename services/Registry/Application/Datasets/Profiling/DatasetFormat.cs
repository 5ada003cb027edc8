using System.Text.Json.Serialization;

namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>The file formats the registry profiles.</summary>
public enum DatasetFormat
{
    /// <summary>RFC 4180 comma-separated values (any single ASCII delimiter), UTF-8.</summary>
    [JsonStringEnumMemberName("csv")]
    Csv,

    /// <summary>One JSON object per line, UTF-8.</summary>
    [JsonStringEnumMemberName("json_lines")]
    JsonLines,
}
