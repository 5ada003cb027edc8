namespace Mlops.Grpc.Compression;

/// <summary>The encodings this library speaks, by grpc-encoding name.</summary>
public sealed class CompressionProviders
{
    private readonly Dictionary<string, ICompressionProvider> _byName;

    public CompressionProviders(IEnumerable<ICompressionProvider> providers)
    {
        _byName = providers.ToDictionary(p => p.EncodingName, StringComparer.OrdinalIgnoreCase);
        AcceptEncoding = string.Join(",", _byName.Keys.Prepend(Protocol.GrpcProtocol.IdentityEncoding));
    }

    public static CompressionProviders Default { get; } = new([new GzipCompressionProvider(), new DeflateCompressionProvider()]);

    /// <summary>The grpc-accept-encoding value: identity and every provider.</summary>
    public string AcceptEncoding { get; }

    public ICompressionProvider? Find(string? encoding) =>
        encoding is not null && _byName.TryGetValue(encoding, out var provider) ? provider : null;

    /// <summary>Whether a grpc-accept-encoding list names an encoding.</summary>
    public static bool Accepts(string? acceptEncoding, string encoding)
    {
        if (string.IsNullOrEmpty(acceptEncoding))
        {
            return false;
        }

        foreach (var part in acceptEncoding.Split(','))
        {
            if (part.Trim().Equals(encoding, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
