namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>The kind of a single value; a column's type follows from the kinds of its values.</summary>
internal enum ValueKind
{
    Null,
    Boolean,
    Integer,
    Float,
    String,
    Timestamp,
    Object,
    Array,
}
