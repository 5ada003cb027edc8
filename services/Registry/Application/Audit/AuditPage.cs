namespace Mlops.Registry.Application.Audit;

/// <summary>One page of the audit trail, newest first; <see cref="NextPageToken"/> is empty on the last page.</summary>
public sealed record AuditPage(IReadOnlyList<StoredAuditEntry> Entries, string NextPageToken);
