namespace Mlops.Messaging;

/// <summary>An integration event waiting in the service's own database until the relay has published it.</summary>
public sealed class OutboxMessage
{
    /// <summary>The event's id, which the relay also sends as the MassTransit MessageId.</summary>
    public required Guid Id { get; init; }

    /// <summary>Assigned by the database (identity); the relay publishes in this order.</summary>
    public long SequenceNumber { get; init; }

    /// <summary>The CLR type of the event as "full name, assembly name".</summary>
    public required string MessageType { get; init; }

    public required string Payload { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public string? LastError { get; set; }
}
