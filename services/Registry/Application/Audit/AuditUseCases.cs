using System.Globalization;
using Mlops.EventContracts;
using Mlops.Registry.Application.Workspaces;

namespace Mlops.Registry.Application.Audit;

/// <summary>Reading the audit trail.</summary>
public sealed class AuditUseCases(IAuditLog audit, IWorkspaceStore workspaces)
{
    public async Task<AuditPage> ListAsync(
        string? workspace,
        string? subject,
        string? actor,
        DateTimeOffset? from,
        DateTimeOffset? to,
        int pageSize,
        string? pageToken,
        CancellationToken cancellationToken)
    {
        var validWorkspace = RegistryRules.Workspace("workspace", workspace);
        var size = RegistryRules.PageSize(pageSize);
        var before = DecodeSequence(pageToken);
        var workspacePath = EventSubjects.Workspace(validWorkspace);
        if (!string.IsNullOrEmpty(subject) && subject != workspacePath && !subject.StartsWith(workspacePath + "/", StringComparison.Ordinal))
        {
            throw RegistryException.Invalid($"subject '{subject}' is not a resource of workspace '{validWorkspace}': it must start with '{workspacePath}/'.");
        }

        if (from is { } start && to is { } end && end <= start)
        {
            throw RegistryException.Invalid("end_time must be after start_time.");
        }

        _ = await workspaces.FindAsync(validWorkspace, cancellationToken).ConfigureAwait(false)
            ?? throw RegistryException.NotFound($"Workspace '{validWorkspace}' does not exist.");
        var query = new AuditQuery(
            validWorkspace,
            string.IsNullOrEmpty(subject) || subject == workspacePath ? null : subject.TrimEnd('/'),
            string.IsNullOrEmpty(actor) ? null : actor,
            from,
            to,
            before,
            size + 1);
        var entries = await audit.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        return entries.Count > size
            ? new AuditPage(entries.Take(size).ToList(), PageTokens.Encode(entries[size - 1].Sequence.ToString(CultureInfo.InvariantCulture)))
            : new AuditPage(entries, "");
    }

    private static long? DecodeSequence(string? pageToken) =>
        PageTokens.Decode(pageToken) is not { } text
            ? null
            : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                ? sequence
                : throw RegistryException.Invalid("page_token is invalid: pass the next_page_token of a previous response, or nothing for the first page.");
}
