using Mlops.Blobs;

namespace Mlops.Registry.Infrastructure;

/// <summary>
/// The chunks of an upload as a forward-only stream, pulled one at a time as the blob store reads: only the
/// current chunk is held, so memory stays bounded by the message size.
/// </summary>
internal sealed class ChunkReadStream(IAsyncEnumerator<ReadOnlyMemory<byte>> chunks) : ForwardOnlyReadStream
{
    private ReadOnlyMemory<byte> _current;
    private bool _ended;

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

    // Uploads read asynchronously; blocking on network input would tie up a thread per upload.
    public override int Read(Span<byte> buffer) => throw new NotSupportedException("Read the chunks asynchronously.");
}
