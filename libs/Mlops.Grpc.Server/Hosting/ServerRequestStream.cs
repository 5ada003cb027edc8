using Google.Protobuf;

namespace Mlops.Grpc.Server.Hosting;

/// <summary>The request side of a client- or bidirectional-streaming call.</summary>
internal sealed class ServerRequestStream<TRequest>(HttpServerCallContext context, MessageParser<TRequest> parser) : IAsyncStreamReader<TRequest>
    where TRequest : class, IMessage<TRequest>
{
    public TRequest Current { get; private set; } = null!;

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        TRequest? message;
        if (cancellationToken.CanBeCanceled)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.CancellationToken);
            message = await context.ReadMessageAsync(parser, linked.Token).ConfigureAwait(false);
        }
        else
        {
            message = await context.ReadMessageAsync(parser, context.CancellationToken).ConfigureAwait(false);
        }

        if (message is null)
        {
            return false;
        }

        Current = message;
        return true;
    }
}
