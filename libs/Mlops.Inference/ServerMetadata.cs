namespace Mlops.Inference;

/// <summary>The server's name, version and the protocol extensions it supports.</summary>
public sealed record ServerMetadata(string Name, string Version)
{
    public IReadOnlyList<string> Extensions { get; init; } = [];
}
