namespace Mlops.Registry.Infrastructure;

/// <summary>
/// The chunks of an upload as a forward-only stream, pulled one at a time as the blob store reads: only the
/// current chunk is held, so memory stays bounded by the message size.
/// </summary>
internal sealed class ChunkReadStream(IAsyncEnumerator<ReadOnlyMemory<byte>> chunks) : Stream
{
    private ReadOnlyMemory<byte> _current;
    private bool _ended;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_current.IsEmpty && !_ended)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await chunks.MoveNextAsync().ConfigureAwait(false))
            {
                _current = chunks.Current;
            }
            else
            {
                _ended = true;
            }
        }

        var count = Math.Min(buffer.Length, _current.Length);
        _current[..count].CopyTo(buffer);
        _current = _current[count..];
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Uploads read asynchronously; blocking on network input would tie up a thread per upload.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read the chunks asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
