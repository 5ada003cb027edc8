using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Mlops.Blobs.Tests.Infrastructure;

/// <summary>
/// A non-seekable stream of <paramref name="length"/> pseudo-random bytes made on the fly, so
/// that a test can upload far more than it holds; it hashes what it gave out.
/// </summary>
public sealed class GeneratedStream(long length, ulong seed = 0x9E3779B97F4A7C15) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private ulong _state = seed | 1;
    private long _position;
    private ulong _word;
    private int _wordOffset = 8;
    private string? _sha256;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The SHA-256 (lowercase hex) of every byte read, once the stream has been read to its end.</summary>
    public string Sha256 => _sha256 ?? throw new InvalidOperationException("The stream has not been read to its end.");

    public static byte[] Bytes(int length, ulong seed = 0x9E3779B97F4A7C15)
    {
        var bytes = new byte[length];
        using var stream = new GeneratedStream(length, seed);
        stream.ReadExactly(bytes);
        return bytes;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _position);
        if (count == 0)
        {
            _sha256 ??= Convert.ToHexStringLower(_hash.GetHashAndReset());
            return 0;
        }

        var span = buffer[..count];
        var i = 0;
        while (i < span.Length)
        {
            if (_wordOffset == 8 && span.Length - i >= 8)
            {
                // Whole words at a time: a GiB has to be made in about a second.
                BinaryPrimitives.WriteUInt64LittleEndian(span[i..], Next());
                i += 8;
                continue;
            }

            if (_wordOffset == 8)
            {
                _word = Next();
                _wordOffset = 0;
            }

            span[i++] = (byte)(_word >> (8 * _wordOffset++));
        }

        _hash.AppendData(span);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    // xorshift64*: fast, and random enough that no layer can shrink the bytes.
    private ulong Next()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return _state * 0x2545F4914F6CDD1DUL;
    }
}
