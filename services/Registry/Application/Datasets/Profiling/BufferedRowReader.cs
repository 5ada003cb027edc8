namespace Mlops.Registry.Application.Datasets.Profiling;

/// <summary>
/// Reads a stream in blocks and lets a format parse whole records out of them. A record that does not fit is
/// parsed again once more bytes are in, so the parsers never keep state across blocks; the buffer grows only as
/// far as the longest record, and never past the limit.
/// </summary>
internal abstract class BufferedRowReader(Stream stream, int maxRecordBytes)
{
    private const int InitialBufferSize = 64 * 1024;

    private readonly StreamFingerprint _fingerprint = new();
    private byte[] _buffer = new byte[Math.Min(InitialBufferSize, maxRecordBytes + 1)];
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _atStart = true;

    /// <summary>
    /// The length and a hash of the bytes read so far: two passes over the same file agree, so a file that changed
    /// between passes is noticed even where its counts did not change. The hash is only comparable within a process.
    /// </summary>
    public (long Length, int Hash) Fingerprint => _fingerprint.Value;

    /// <summary>The line the next record starts on.</summary>
    protected long Line { get; set; } = 1;

    protected int MaxRecordBytes => maxRecordBytes;

    public async ValueTask<bool> ReadAsync(RowBuffer row, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_atStart && (_end - _start >= 3 || _endOfStream))
            {
                SkipByteOrderMark();
            }

            if (!_atStart)
            {
                var status = Parse(_buffer.AsSpan(_start, _end - _start), _endOfStream, row, out var consumed);
                _start += consumed;
                switch (status)
                {
                    case ReadStatus.Row:
                        return true;
                    case ReadStatus.End:
                        return false;
                    case ReadStatus.Skipped:
                        continue;
                }
            }

            if (_endOfStream)
            {
                throw new InvalidOperationException("The parser asked for more data after the end of the stream.");
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Parses one record from the start of <paramref name="data"/>; with isFinal, nothing follows it.</summary>
    protected abstract ReadStatus Parse(ReadOnlySpan<byte> data, bool isFinal, RowBuffer row, out int consumed);

    /// <summary>The error for a record that does not end within <see cref="MaxRecordBytes"/>.</summary>
    protected abstract RegistryException RecordTooLong();

    private void SkipByteOrderMark()
    {
        if (_buffer.AsSpan(_start, _end - _start).StartsWith("\uFEFF"u8))
        {
            _start += 3;
        }

        _atStart = false;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        // Streams over memory may not look at the token; profiling a large file must still stop when asked.
        cancellationToken.ThrowIfCancellationRequested();
        var pending = _end - _start;
        if (pending > maxRecordBytes)
        {
            throw RecordTooLong();
        }

        if (_start > 0)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            _start = 0;
            _end = pending;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, maxRecordBytes + 1L));
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _fingerprint.Add(_buffer.AsSpan(_end, read));
        _endOfStream = read == 0;
        _end += read;
    }
}
