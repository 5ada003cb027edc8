namespace Mlops.Messaging.Tests.Infrastructure;

/// <summary>The publishing service's state: a registered model version.</summary>
public sealed class ModelVersionRow
{
    public required Guid Id { get; init; }

    public required string ModelName { get; init; }

    public required int VersionNumber { get; init; }
}
