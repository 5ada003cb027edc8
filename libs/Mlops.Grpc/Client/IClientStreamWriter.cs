namespace Mlops.Grpc.Client;

/// <summary>The request side of a client- or bidirectional-streaming call.</summary>
public interface IClientStreamWriter<in T>
{
    /// <summary>Sends one message; only one write may be in flight at a time.</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);

    /// <summary>Half-closes the request stream: no more messages will be sent.</summary>
    Task CompleteAsync();
}
