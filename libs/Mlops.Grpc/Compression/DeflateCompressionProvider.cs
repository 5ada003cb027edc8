using System.IO.Compression;

namespace Mlops.Grpc.Compression;

/// <summary>gRPC's "deflate" is the zlib format (RFC 1950), not raw deflate.</summary>
public sealed class DeflateCompressionProvider(CompressionLevel level = CompressionLevel.Fastest) : ICompressionProvider
{
    public string EncodingName => "deflate";

    public Stream CreateCompressionStream(Stream output) => new ZLibStream(output, level, leaveOpen: true);

    public Stream CreateDecompressionStream(Stream input) => new ZLibStream(input, CompressionMode.Decompress, leaveOpen: true);
}
