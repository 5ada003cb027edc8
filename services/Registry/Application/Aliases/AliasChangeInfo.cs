namespace Mlops.Registry.Application.Aliases;

/// <summary>
/// One entry of an alias's history: 0 for <see cref="PreviousVersion"/> when the change created the alias, 0 for
/// <see cref="NewVersion"/> when it deleted it. <see cref="Sequence"/> orders changes and pages through them.
/// </summary>
public sealed record AliasChangeInfo(long Sequence, string Alias, int PreviousVersion, int NewVersion, string ChangedBy, DateTimeOffset ChangeTime);
