namespace Mlops.Registry.Application.Audit;

/// <summary>
/// One fact of the audit trail: who (<paramref name="Actor"/>) did what (<paramref name="Action"/>, e.g.
/// <c>model_version.approve</c>) to what (<paramref name="Subject"/>, a resource path such as
/// <c>workspaces/w/models/m/versions/3</c>), when, with the details a reviewer needs.
/// </summary>
public sealed record AuditEntry(
    string Workspace,
    string Actor,
    string Action,
    string Subject,
    DateTimeOffset Time,
    IReadOnlyDictionary<string, string> Details);
