namespace Mlops.Registry.Application.Aliases;

/// <summary>One page of alias changes, newest first; <see cref="NextPageToken"/> is empty on the last page.</summary>
public sealed record AliasHistoryPage(IReadOnlyList<AliasChangeInfo> Changes, string NextPageToken);
