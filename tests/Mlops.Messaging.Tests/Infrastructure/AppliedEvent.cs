namespace Mlops.Messaging.Tests.Infrastructure;

/// <summary>The consuming service's state: one row per event its handler applied, numbered in the order applied.</summary>
public sealed class AppliedEvent
{
    public long Id { get; init; }

    public required Guid EventId { get; init; }

    public required int VersionNumber { get; init; }
}
