namespace Mlops.Registry.Application.Aliases;

/// <summary>Aliases and their history. Each change commits its history entry, audit entry and event with it.</summary>
public interface IAliasStore
{
    /// <summary>
    /// Holds the model against other alias changes and its deletion, hands the alias's state (and that of
    /// <paramref name="newVersion"/>, when given) to <paramref name="change"/>, which may refuse by throwing, and
    /// stores the plan. Concurrent changes of one alias thus each see the version the previous one left.
    /// </summary>
    /// <exception cref="RegistryException">NOT_FOUND: the model no longer exists.</exception>
    Task<AliasChangePlan> ChangeAsync(ModelInfo model, string alias, int? newVersion, Func<AliasUnderChange, AliasChangePlan> change, CancellationToken cancellationToken);

    Task<StoredAlias?> FindAsync(ModelInfo model, string alias, CancellationToken cancellationToken);

    /// <summary>The model's aliases ordered by name.</summary>
    Task<IReadOnlyList<StoredAlias>> ListAsync(ModelInfo model, CancellationToken cancellationToken);

    /// <summary>The highest version number the model has; null while it has none.</summary>
    Task<int?> FindHighestVersionAsync(ModelInfo model, CancellationToken cancellationToken);


    /// <summary>Up to <paramref name="take"/> changes, newest first, of one alias or all, before <paramref name="beforeSequence"/> when given.</summary>
    Task<IReadOnlyList<AliasChangeInfo>> ListHistoryAsync(ModelInfo model, string? alias, long? beforeSequence, int take, CancellationToken cancellationToken);
}
