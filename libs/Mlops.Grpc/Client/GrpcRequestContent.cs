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

    /// <summary>
    /// Ends a request stream that is still open by canceling it, which resets the HTTP/2 stream.
    /// Canceled rather than faulted, so nobody is left with an unobserved exception.
    /// </summary>
    public void Abort()
    {
        if (_singleFrame is not null)
        {
            return;
        }

        _stream.TrySetCanceled();
        _completed.TrySetCanceled();
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

        // Deliberately not canceled by HttpClient's token: when the server ends the call first,
        // HttpClient cancels the request body and the stream lingers half-open on the server.
        // The call itself completes or aborts this content as soon as it knows its outcome.
        await _completed.Task.ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
