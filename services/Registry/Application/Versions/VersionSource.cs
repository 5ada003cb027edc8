namespace Mlops.Registry.Application.Versions;

/// <summary>Where a version came from; each part empty when not said.</summary>
public sealed record VersionSource(string RunId, string Commit, string PipelineUrl)
{
    public static VersionSource None { get; } = new("", "", "");
}
