namespace Mlops.Registry.Application.Audit;

/// <summary>An entry as stored, with its position in the trail (increasing in commit order of insertion).</summary>
public sealed record StoredAuditEntry(long Sequence, AuditEntry Entry);
