namespace Mlops.Registry.Application.Audit;

/// <summary>
/// A page of the audit trail: <paramref name="SubjectPrefix"/> matches a subject and everything under it (a model and
/// its versions); <paramref name="BeforeSequence"/> continues a previous page.
/// </summary>
public sealed record AuditQuery(
    string Workspace,
    string? SubjectPrefix,
    string? Actor,
    DateTimeOffset? From,
    DateTimeOffset? To,
    long? BeforeSequence,
    int Take);
