namespace Mlops.Messaging;

/// <summary>A message one consumer has applied; its key makes a redelivery a no-op.</summary>
public sealed class InboxMessage
{
    public required string ConsumerName { get; init; }

    public required Guid MessageId { get; init; }

    public required DateTimeOffset ProcessedAt { get; init; }
}
