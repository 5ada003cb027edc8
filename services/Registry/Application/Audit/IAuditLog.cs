namespace Mlops.Registry.Application.Audit;

/// <summary>
/// The append-only audit trail. <see cref="Record"/> joins the current unit of work: the entry commits with the state
/// change it describes and is lost with it, so call it right before the store write it belongs to.
/// </summary>
public interface IAuditLog
{
    void Record(AuditEntry entry);

    /// <summary>Entries of the workspace, newest first, optionally for one subject (and what lies under it) and a time range.</summary>
    Task<IReadOnlyList<StoredAuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
}
