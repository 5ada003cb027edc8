using Mlops.Registry.Application.Audit;

namespace Mlops.Registry.Infrastructure.Audit;

public sealed class AuditEntryEntity
{
    public long Sequence { get; init; }

    public required string Workspace { get; init; }

    public required string Actor { get; init; }

    public required string Action { get; init; }

    public required string Subject { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required Dictionary<string, string> Details { get; init; }

    public static AuditEntryEntity From(AuditEntry entry) => new()
    {
        Workspace = entry.Workspace,
        Actor = entry.Actor,
        Action = entry.Action,
        Subject = entry.Subject,
        Time = entry.Time,
        Details = new Dictionary<string, string>(entry.Details, StringComparer.Ordinal),
    };

    public StoredAuditEntry ToStored() => new(Sequence, new AuditEntry(Workspace, Actor, Action, Subject, Time, Details));
}
