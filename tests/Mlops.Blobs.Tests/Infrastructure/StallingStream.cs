namespace Mlops.Blobs.Tests.Infrastructure;

/// <summary>
/// A source that gives some bytes, then stalls until <see cref="Break"/> and fails: an upload interrupted while its
/// first blocks are stored, as a client that vanishes or a process that dies mid-upload leaves it.
/// </summary>
public sealed class StallingStream(int bytesBeforeStall) : Stream
{
    private readonly TaskCompletionSource _broken = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _given;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public void Break() => _broken.TrySetResult();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_given >= bytesBeforeStall)
        {
            await _broken.Task.WaitAsync(cancellationToken);
            throw new IOException("The source broke.");
        }

        var n = Math.Min(buffer.Length, bytesBeforeStall - _given);
        buffer.Span[..n].Fill(0x5A);
        _given += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
