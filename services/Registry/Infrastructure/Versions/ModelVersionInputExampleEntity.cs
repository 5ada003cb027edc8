namespace Mlops.Registry.Infrastructure.Versions;

/// <summary>A version's input example, kept apart from the version's row so that only a single read loads it.</summary>
public sealed class ModelVersionInputExampleEntity
{
    public Guid ModelVersionId { get; init; }

    public required string Json { get; init; }
}
