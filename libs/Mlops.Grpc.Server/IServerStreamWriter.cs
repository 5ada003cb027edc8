namespace Mlops.Grpc.Server;

/// <summary>The response stream of a server- or bidirectional-streaming call.</summary>
public interface IServerStreamWriter<in T>
{
    /// <summary>
    /// Queues one message. Messages written in quick succession share a flush; the call waits
    /// only when the queue is full or the message is large.
    /// </summary>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}
