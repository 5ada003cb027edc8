namespace Mlops.Blobs.Azure;

/// <summary>
/// The body of a blob download that, when the connection fails part-way, asks again for the
/// bytes it has not yet returned (a ranged GET pinned to the first response's ETag) instead
/// of failing a long read near its end.
/// </summary>
internal sealed class ResumingReadStream(
    Stream initial,
    long length,
    Func<long, bool, CancellationToken, ValueTask<Stream>> reopen,
    int maxResumes) : ForwardOnlyReadStream
{
    private Stream _current = initial;
    private long _position;
    private int _resumes;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>How many times the read was resumed; for tests and diagnostics.</summary>
    public int Resumes => _resumes;

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty || _position >= length)
        {
            return 0;
        }

        var window = buffer[..(int)Math.Min(buffer.Length, length - _position)];
        while (true)
        {
            try
            {
                return Advance(_current.Read(window));
            }
            catch (IOException) when (_resumes < maxResumes)
            {
                _resumes++;
                _current.Dispose();
                _current = reopen(_position, false, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty || _position >= length)
        {
            return 0;
        }

        var window = buffer[..(int)Math.Min(buffer.Length, length - _position)];
        while (true)
        {
            try
            {
                return Advance(await _current.ReadAsync(window, cancellationToken).ConfigureAwait(false));
            }
            catch (IOException) when (_resumes < maxResumes && !cancellationToken.IsCancellationRequested)
            {
                _resumes++;
                await _current.DisposeAsync().ConfigureAwait(false);
                _current = await reopen(_position, true, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _current.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private int Advance(int read)
    {
        if (read == 0)
        {
            throw new IOException($"The blob download ended after {_position} of {length} bytes.");
        }

        _position += read;
        return read;
    }
}
