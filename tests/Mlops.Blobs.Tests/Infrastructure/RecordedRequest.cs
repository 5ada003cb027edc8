namespace Mlops.Blobs.Tests.Infrastructure;

/// <summary>One request as the recording endpoint received it.</summary>
public sealed record RecordedRequest(int Index, string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
