using Mlops.EventContracts;

namespace Mlops.Registry.Application.Aliases;

/// <summary>
/// What a change writes: the alias afterwards (null: deleted), its history entry and event. Without an event nothing
/// changed and nothing is written.
/// </summary>
public sealed record AliasChangePlan(StoredAlias? Result, AliasChangeInfo? Change, ModelAliasChanged? Changed);
