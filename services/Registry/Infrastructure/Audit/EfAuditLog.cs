using Microsoft.EntityFrameworkCore;
using Mlops.Registry.Application.Audit;

namespace Mlops.Registry.Infrastructure.Audit;

internal sealed class EfAuditLog(RegistryDbContext dbContext) : IAuditLog
{
    public void Record(AuditEntry entry) => dbContext.AuditEntries.Add(AuditEntryEntity.From(entry));

    public async Task<IReadOnlyList<StoredAuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var entries = dbContext.AuditEntries.AsNoTracking().Where(entry => entry.Workspace == query.Workspace);
        if (query.SubjectPrefix is { } subject)
        {
            // The subject itself and what lies below it, never a sibling that merely shares a prefix ("m1" vs "m10").
            var below = subject + "/";
            entries = entries.Where(entry => entry.Subject == subject || entry.Subject.StartsWith(below));
        }

        if (query.Actor is { } actor)
        {
            entries = entries.Where(entry => entry.Actor == actor);
        }

        if (query.From is { } from)
        {
            entries = entries.Where(entry => entry.Time >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(entry => entry.Time < to);
        }

        if (query.BeforeSequence is { } before)
        {
            entries = entries.Where(entry => entry.Sequence < before);
        }

        var page = await entries.OrderByDescending(entry => entry.Sequence).Take(query.Take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return page.ConvertAll(entry => entry.ToStored());
    }
}
