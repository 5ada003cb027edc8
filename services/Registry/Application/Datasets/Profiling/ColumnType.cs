using System.Text.Json.Serialization;

namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>The type inferred for a column from the kinds of its non-null values (docs/dataset-profile.md).</summary>
public enum ColumnType
{
    /// <summary>Every value is null (or the key never appears).</summary>
    [JsonStringEnumMemberName("null")]
    Null,

    [JsonStringEnumMemberName("boolean")]
    Boolean,

    [JsonStringEnumMemberName("integer")]
    Integer,

    /// <summary>Every value is a number and at least one is not an integer.</summary>
    [JsonStringEnumMemberName("float")]
    Float,

    [JsonStringEnumMemberName("string")]
    String,

    [JsonStringEnumMemberName("timestamp")]
    Timestamp,

    [JsonStringEnumMemberName("object")]
    Object,

    [JsonStringEnumMemberName("array")]
    Array,

    /// <summary>Values of more than one kind, other than integers mixed with floats.</summary>
    [JsonStringEnumMemberName("mixed")]
    Mixed,
}
