namespace Mlops.LocalInfrastructure;

/// <summary>A resource that could not start or stop, with the reason and the last lines of its log.</summary>
public sealed class LocalResourceException(string resource, string reason, string? logTail = null, Exception? innerException = null)
    : Exception(Format(resource, reason, logTail), innerException)
{
    public string Resource { get; } = resource;

    public string Reason { get; } = reason;

    public string? LogTail { get; } = logTail;

    private static string Format(string resource, string reason, string? logTail) =>
        string.IsNullOrWhiteSpace(logTail) ? $"{resource}: {reason}" : $"{resource}: {reason}\n--- last lines of its log ---\n{logTail}";
}
