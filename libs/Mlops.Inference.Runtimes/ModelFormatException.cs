namespace Mlops.Inference.Runtimes;

/// <summary>A model file that cannot be loaded: not JSON, an unknown format, or a field that is missing or wrong.</summary>
public sealed class ModelFormatException(string field, string message, Exception? innerException = null)
    : Exception(string.IsNullOrEmpty(field) ? message : $"{field}: {message}", innerException)
{
    /// <summary>The JSON path of the offending field, e.g. <c>learner.objective.name</c>; empty for the document itself.</summary>
    public string Field { get; } = field;
}
