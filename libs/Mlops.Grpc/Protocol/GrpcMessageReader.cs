using System.Buffers;
using System.IO.Pipelines;
using Google.Protobuf;
using Mlops.Grpc.Compression;

namespace Mlops.Grpc.Protocol;

/// <summary>Reads framed messages from a pipe, one at a time, within a size limit.</summary>
public sealed class GrpcMessageReader(PipeReader reader, int maxMessageSize, ICompressionProvider? compression)
{
    /// <summary>Whether the last message read arrived compressed.</summary>
    public bool LastMessageCompressed { get; private set; }

    /// <summary>The next message, or null at a clean end of the stream.</summary>
    /// <exception cref="RpcException">INTERNAL for a truncated or undecodable message; RESOURCE_EXHAUSTED over the limit.</exception>
    public async ValueTask<T?> ReadAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException("Reading the message stream was canceled.");
            }

            var buffer = result.Buffer;
            bool found;
            ReadOnlySequence<byte> payload;
            bool compressed;
            try
            {
                found = GrpcFrameParser.TryRead(ref buffer, maxMessageSize, out payload, out compressed);
            }
            catch
            {
                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                throw;
            }

            if (found)
            {
                try
                {
                    LastMessageCompressed = compressed;
                    return Parse(parser, payload, compressed);
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start);
                }
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            if (result.IsCompleted)
            {
                if (result.Buffer.IsEmpty)
                {
                    return null;
                }

                throw new RpcException(StatusCode.Internal, $"Incomplete message: the stream ended after {result.Buffer.Length} byte(s) of a frame.");
            }
        }
    }

    private T Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> payload, bool compressed)
        where T : class, IMessage<T>
    {
        if (compressed)
        {
            if (compression is null)
            {
                throw new RpcException(StatusCode.Internal, "A message is flagged as compressed but the call has no grpc-encoding.");
            }

            payload = Decompress(payload, compression);
        }

        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Failed to deserialize {typeof(T).Name}: {ex.Message}"), new Metadata(), null, ex);
        }
    }

    private ReadOnlySequence<byte> Decompress(ReadOnlySequence<byte> payload, ICompressionProvider provider)
    {
        using var input = new MemoryStream(payload.ToArray(), writable: false);
        var output = new MemoryStream();
        try
        {
            using var decompressor = provider.CreateDecompressionStream(input);
            var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = decompressor.Read(chunk, 0, chunk.Length)) > 0)
                {
                    // Bounded even for a "zip bomb": stop as soon as the limit is passed.
                    if (output.Length + read > maxMessageSize)
                    {
                        throw new RpcException(StatusCode.ResourceExhausted, $"Received message larger than max after decompression (over {maxMessageSize} bytes).");
                    }

                    output.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Failed to decompress a '{provider.EncodingName}' message: {ex.Message}"), new Metadata(), null, ex);
        }

        return new ReadOnlySequence<byte>(output.GetBuffer(), 0, (int)output.Length);
    }
}
