using System.Buffers;
using System.Threading.Channels;
using Google.Protobuf;
using Mlops.Grpc.Protocol;

namespace Mlops.Grpc.Server.Hosting;

/// <summary>
/// The response side of a streaming call. The handler serializes each message into a pooled
/// frame and queues it; one pump copies every queued frame into the body and flushes once per
/// batch, so a fast producer does not pay a network flush per message.
/// </summary>
internal sealed class ServerResponseStream<TResponse> : IServerStreamWriter<TResponse>
    where TResponse : class, IMessage<TResponse>
{
    // Frames this big are written and flushed before WriteAsync returns, to bound queued memory.
    private const int LargeFrameSize = 64 * 1024;

    private readonly HttpServerCallContext _context;
    private readonly Channel<PooledFrame> _queue;
    private Task? _pump;
    private Exception? _pumpFailure;
    private int _writeInProgress;

    public ServerResponseStream(HttpServerCallContext context)
    {
        _context = context;
        _queue = Channel.CreateBounded<PooledFrame>(new BoundedChannelOptions(context.Options.StreamingWriteQueueLength)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public async Task WriteAsync(TResponse message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Interlocked.Exchange(ref _writeInProgress, 1) == 1)
        {
            throw new InvalidOperationException("A write is already in progress; await each WriteAsync before the next.");
        }

        try
        {
            ThrowIfBroken();
            var frame = Serialize(message);
            _pump ??= Task.Run(PumpAsync, CancellationToken.None);
            if (!_queue.Writer.TryWrite(frame))
            {
                try
                {
                    await _queue.Writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    frame.Return();
                    ThrowIfBroken();
                    throw;
                }
            }

            if (frame.Written is { } written)
            {
                await written.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _writeInProgress, 0);
        }
    }

    /// <summary>Waits until every queued message is in the body and flushed.</summary>
    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        if (_pump is not null)
        {
            await _pump.ConfigureAwait(false);
        }

        ThrowIfBroken();
    }

    private PooledFrame Serialize(TResponse message)
    {
        var compression = _context.EnsureResponseStarted();
        var maxSize = _context.Options.MaxSendMessageSize;
        if (compression is not null)
        {
            return PooledFrame.Copy(GrpcMessageWriter.ToFrame(message, maxSize, compression).Span);
        }

        var size = message.CalculateSize();
        if (size > maxSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"Sending message larger than max ({size} vs. {maxSize}).");
        }

        var frame = PooledFrame.Rent(GrpcFrameParser.HeaderSize + size);
        GrpcFrameParser.WriteHeader(frame.Span, compressed: false, size);
        message.WriteTo(frame.Span[GrpcFrameParser.HeaderSize..]);
        return frame;
    }

    private async Task PumpAsync()
    {
        var writer = _context.GetHttpContext().Response.BodyWriter;
        var reader = _queue.Reader;
        var pendingNotifications = new List<PooledFrame>();
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame))
                {
                    writer.Write(frame.Span);
                    frame.Return();
                    if (frame.Written is not null)
                    {
                        pendingNotifications.Add(frame);
                        break;
                    }
                }

                // Not the deadline's token: Kestrel aborts a stream whose flush is canceled by a token.
                var result = await writer.FlushAsync(_context.GetHttpContext().RequestAborted).ConfigureAwait(false);
                foreach (var written in pendingNotifications)
                {
                    written.Written!.TrySetResult();
                }

                pendingNotifications.Clear();
                if (result.IsCanceled || result.IsCompleted)
                {
                    throw new OperationCanceledException("The client stopped reading the response.");
                }
            }
        }
        catch (Exception ex)
        {
            _context.ClientGone = true;
            _pumpFailure = ex;
            _queue.Writer.TryComplete(ex);
            foreach (var waiting in pendingNotifications)
            {
                waiting.Written!.TrySetException(ex);
            }

            while (reader.TryRead(out var dropped))
            {
                dropped.Return();
                dropped.Written?.TrySetException(ex);
            }
        }
    }

    private void ThrowIfBroken()
    {
        if (_pumpFailure is { } failure)
        {
            throw new OperationCanceledException("The response stream is closed: " + failure.Message, failure, _context.CancellationToken);
        }
    }

    /// <summary>A serialized frame in a rented array.</summary>
    private sealed class PooledFrame
    {
        private byte[]? _array;

        private PooledFrame(byte[] array, int length)
        {
            _array = array;
            Length = length;
            Written = length >= LargeFrameSize ? new(TaskCreationOptions.RunContinuationsAsynchronously) : null;
        }

        public int Length { get; }

        public Span<byte> Span => _array.AsSpan(0, Length);

        /// <summary>Completed once a large frame has been flushed.</summary>
        public TaskCompletionSource? Written { get; }

        public static PooledFrame Rent(int length) => new(ArrayPool<byte>.Shared.Rent(length), length);

        public static PooledFrame Copy(ReadOnlySpan<byte> bytes)
        {
            var frame = Rent(bytes.Length);
            bytes.CopyTo(frame.Span);
            return frame;
        }

        public void Return()
        {
            var array = Interlocked.Exchange(ref _array, null);
            if (array is not null)
            {
                ArrayPool<byte>.Shared.Return(array);
            }
        }
    }
}
