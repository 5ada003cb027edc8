using System.Buffers;
using Google.Protobuf;
using Mlops.Grpc.Compression;

namespace Mlops.Grpc.Protocol;

/// <summary>Writes one framed message, compressed or not, into a buffer writer.</summary>
public static class GrpcMessageWriter
{
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED when the message is over the limit.</exception>
    public static void Write(IBufferWriter<byte> output, IMessage message, int maxMessageSize, ICompressionProvider? compression)
    {
        var size = message.CalculateSize();
        if (size > maxMessageSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"Sending message larger than max ({size} vs. {maxMessageSize}).");
        }

        if (compression is null)
        {
            GrpcFrameParser.WriteHeader(output.GetSpan(GrpcFrameParser.HeaderSize), compressed: false, size);
            output.Advance(GrpcFrameParser.HeaderSize);
            if (size > 0)
            {
                message.WriteTo(output);
            }

            return;
        }

        var compressed = Compress(message, size, compression);
        GrpcFrameParser.WriteHeader(output.GetSpan(GrpcFrameParser.HeaderSize), compressed: true, (int)compressed.Length);
        output.Advance(GrpcFrameParser.HeaderSize);
        output.Write(compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
    }

    /// <summary>Frames a message into a new array, for senders that need it whole.</summary>
    public static ReadOnlyMemory<byte> ToFrame(IMessage message, int maxMessageSize, ICompressionProvider? compression)
    {
        var buffer = new ArrayBufferWriter<byte>(GrpcFrameParser.HeaderSize + message.CalculateSize());
        Write(buffer, message, maxMessageSize, compression);
        return buffer.WrittenMemory;
    }

    private static MemoryStream Compress(IMessage message, int size, ICompressionProvider compression)
    {
        var output = new MemoryStream(Math.Max(64, size / 2));
        using (var stream = compression.CreateCompressionStream(output))
        {
            message.WriteTo(stream);
        }

        return output;
    }
}
