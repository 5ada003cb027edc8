namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>What parsing the buffered bytes gave.</summary>
internal enum ReadStatus
{
    Row,

    /// <summary>Bytes were consumed without a row (a blank line, a header); parse again.</summary>
    Skipped,
    NeedMoreData,
    End,
}
