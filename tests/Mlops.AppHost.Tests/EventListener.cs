using System.Text.Json;
using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Mlops.AppHost.Tests;

/// <summary>
/// A consumer of one integration event as another platform would be: its own queue bound to the event's exchange on
/// the system's broker, reading MassTransit's JSON envelope without MassTransit.
/// </summary>
public sealed class EventListener : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();

    private EventListener(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<EventListener> StartAsync(string amqpUri, string exchange)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(amqpUri) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();

        // MassTransit declares message exchanges as durable fanouts; declaring the same is a no-op when it exists.
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = await channel.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue.QueueName, exchange, routingKey: "");
        var listener = new EventListener(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            using var document = JsonDocument.Parse(delivery.Body);
            await listener._received.Writer.WriteAsync(document.RootElement.Clone());
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return listener;
    }

    /// <summary>The first envelope whose message satisfies <paramref name="match"/>.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await foreach (var envelope in _received.Reader.ReadAllAsync(cancellation.Token))
        {
            if (match(envelope.GetProperty("message")))
            {
                return envelope;
            }
        }

        throw new InvalidOperationException("The listener stopped.");
    }

    /// <summary>Everything received so far.</summary>
    public IReadOnlyList<JsonElement> Drain()
    {
        var drained = new List<JsonElement>();
        while (_received.Reader.TryRead(out var envelope))
        {
            drained.Add(envelope);
        }

        return drained;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await _connection.CloseAsync();
        _channel.Dispose();
        _connection.Dispose();
    }
}
