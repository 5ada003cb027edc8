namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>What a reader saw for a field, before its value is classified.</summary>
internal enum FieldToken : byte
{
    /// <summary>A CSV field: only its text says what it is.</summary>
    Text,
    String,
    Number,
    True,
    False,
    Null,
    Object,
    Array,
}
