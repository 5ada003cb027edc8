using System.Net;

namespace Mlops.Grpc.Client;

/// <summary>
/// The request body. A unary request is one frame; a streaming request hands its stream to
/// the writer and stays open until the writer completes it (half-close) or the call ends.
/// </summary>
internal sealed class GrpcRequestContent : HttpContent
{
    private readonly ReadOnlyMemory<byte>? _singleFrame;
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _writeInProgress;

    private GrpcRequestContent(ReadOnlyMemory<byte>? singleFrame)
    {
        _singleFrame = singleFrame;
        Headers.TryAddWithoutValidation("Content-Type", Protocol.GrpcProtocol.ContentType);
    }

    public static GrpcRequestContent Single(ReadOnlyMemory<byte> frame) => new(frame);

    public static GrpcRequestContent Streaming() => new(null);

    public bool IsCompleted => _completed.Task.IsCompleted;

    public async Task WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _writeInProgress, 1) == 1)
        {
            throw new InvalidOperationException("A write is already in progress; await each WriteAsync before the next.");
        }

        try
        {
            var stream = await _stream.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _writeInProgress, 0);
        }
    }

    /// <summary>Ends the request stream cleanly (END_STREAM).</summary>
    public void Complete() => _completed.TrySetResult();

    /// <summary>Ends the request stream with an error, which resets the HTTP/2 stream.</summary>
    public void Abort(Exception reason)
    {
        _stream.TrySetException(reason);
        _completed.TrySetException(reason);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (_singleFrame is { } frame)
        {
            await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            return;
        }

        _stream.TrySetResult(stream);
        await _completed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
