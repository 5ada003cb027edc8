using System.Buffers;
using System.Buffers.Binary;

namespace Mlops.Grpc.Protocol;

/// <summary>
/// Cuts length-prefixed messages out of a byte sequence: a compressed-flag byte (0 or 1),
/// a 4-byte big-endian length, then that many bytes.
/// </summary>
public static class GrpcFrameParser
{
    public const int HeaderSize = 5;

    /// <summary>
    /// Takes one whole frame off the front of <paramref name="buffer"/>. Returns false, leaving the
    /// buffer as it was, when the frame is not complete yet.
    /// </summary>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED for a length over the limit; INTERNAL for a bad flag.</exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out ReadOnlySequence<byte> payload, out bool compressed)
    {
        payload = default;
        compressed = false;
        if (buffer.Length < HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        compressed = header[0] switch
        {
            0 => false,
            1 => true,
            _ => throw new RpcException(StatusCode.Internal, $"Invalid compressed flag {header[0]} in message header; expected 0 or 1."),
        };

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxMessageSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"Received message larger than max ({length} vs. {maxMessageSize}).");
        }

        if (buffer.Length < HeaderSize + length)
        {
            return false;
        }

        payload = buffer.Slice(HeaderSize, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    public static void WriteHeader(Span<byte> destination, bool compressed, int length)
    {
        destination[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }
}
