namespace Mlops.Grpc.Compression;

/// <summary>A grpc-encoding: how one message is compressed and decompressed.</summary>
public interface ICompressionProvider
{
    string EncodingName { get; }

    Stream CreateCompressionStream(Stream output);

    Stream CreateDecompressionStream(Stream input);
}
