using Mlops.Registry.Application.Aliases;

namespace Mlops.Registry.Infrastructure.Aliases;

/// <summary>One set, move or delete of an alias; versions are numbers, 0 for "none", so the history outlives nothing it names.</summary>
public sealed class AliasHistoryEntity
{
    public long Sequence { get; init; }

    public required Guid ModelId { get; init; }

    public required string Alias { get; init; }

    public required int PreviousVersion { get; init; }

    public required int NewVersion { get; init; }

    public required string ChangedBy { get; init; }

    public required DateTimeOffset ChangeTime { get; init; }

    public static AliasHistoryEntity From(Guid modelId, AliasChangeInfo change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new()
        {
            ModelId = modelId,
            Alias = change.Alias,
            PreviousVersion = change.PreviousVersion,
            NewVersion = change.NewVersion,
            ChangedBy = change.ChangedBy,
            ChangeTime = change.ChangeTime,
        };
    }

    public AliasChangeInfo ToInfo() => new(Sequence, Alias, PreviousVersion, NewVersion, ChangedBy, ChangeTime);
}
