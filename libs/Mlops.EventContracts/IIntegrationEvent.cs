namespace Mlops.EventContracts;

/// <summary>
/// What every integration event carries: a past-tense fact about one subject, published by one service. Events are
/// immutable records; a change that would break a consumer is a new record (and a new <see cref="Version"/>), never
/// an edit of an old one.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>Unique per event: the outbox key, the MassTransit MessageId and the consumers' inbox key.</summary>
    Guid EventId { get; }

    DateTimeOffset OccurredAt { get; }

    /// <summary>The service that publishes it, e.g. <c>model-registry</c>.</summary>
    string Source { get; }

    /// <summary>What it is about, as a resource path, e.g. <c>workspaces/w1/models/churn/versions/3</c>.</summary>
    string Subject { get; }

    /// <summary>The contract version of the record; also part of its message URN and exchange name.</summary>
    int Version { get; }
}
