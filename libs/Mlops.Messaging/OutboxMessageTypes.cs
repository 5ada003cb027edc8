using System.Collections.Concurrent;
using System.Text.Json;
using Mlops.EventContracts;

namespace Mlops.Messaging;

/// <summary>How events become outbox rows and back: JSON payload plus a type name.</summary>
internal static class OutboxMessageTypes
{
    private static readonly ConcurrentDictionary<string, Type?> Resolved = new(StringComparer.Ordinal);

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static OutboxMessage ToOutboxMessage(IIntegrationEvent integrationEvent, DateTimeOffset now)
    {
        var type = integrationEvent.GetType();
        return new OutboxMessage
        {
            Id = integrationEvent.EventId,
            MessageType = NameOf(type),
            Payload = JsonSerializer.Serialize(integrationEvent, type, Json),
            CreatedAt = now,
        };
    }

    /// <exception cref="InvalidOperationException">The type is unknown to this process or not an integration event.</exception>
    public static (object Message, Type Type) FromOutboxMessage(OutboxMessage message)
    {
        var type = Resolved.GetOrAdd(message.MessageType, name => Type.GetType(name, throwOnError: false));
        if (type is null || !typeof(IIntegrationEvent).IsAssignableFrom(type))
        {
            throw new InvalidOperationException($"Outbox message {message.Id} has type '{message.MessageType}', which is not an integration event this process knows.");
        }

        var payload = JsonSerializer.Deserialize(message.Payload, type, Json)
            ?? throw new InvalidOperationException($"Outbox message {message.Id} has an empty payload.");
        return (payload, type);
    }
}
