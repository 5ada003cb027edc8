namespace Mlops.Blobs.Tests.Infrastructure;

/// <summary>A source that gives some bytes and then breaks.</summary>
public sealed class FailingStream(int bytesBeforeFailure) : Stream
{
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

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_given >= bytesBeforeFailure)
        {
            throw new IOException("The source broke.");
        }

        var n = Math.Min(count, bytesBeforeFailure - _given);
        _given += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
