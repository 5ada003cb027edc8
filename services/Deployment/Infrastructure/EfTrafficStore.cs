using Microsoft.EntityFrameworkCore;
using Mlops.Deployment.Application;
using Mlops.EventContracts;
using Mlops.Messaging;

namespace Mlops.Deployment.Infrastructure;

internal sealed class EfTrafficStore(DeploymentDbContext dbContext, IOutbox outbox) : ITrafficStore
{
    public async Task<TrafficInfo?> FindAsync(string endpoint, CancellationToken cancellationToken)
    {
        var traffic = await dbContext.Traffic.AsNoTracking().SingleOrDefaultAsync(traffic => traffic.Endpoint == endpoint, cancellationToken).ConfigureAwait(false);
        return traffic is null ? null : ToInfo(traffic);
    }

    public async Task<TrafficInfo> SetAsync(
        string endpoint, TrafficChange change, Func<EndpointInfo, TrafficInfo, TrafficChanged> changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(changed);
        // A promotion step or a consumer may already hold a transaction: the change then joins it, to commit with the step.
        var transaction = dbContext.Database.CurrentTransaction is null
            ? await dbContext.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            // Under the lock, a second change with the same etag waits for the first and then finds the revision moved on.
            var traffic = await TrafficLock.AcquireAsync(dbContext, endpoint, cancellationToken).ConfigureAwait(false)
                ?? throw DeploymentException.NotFound($"Endpoint '{endpoint}' does not exist.");
            if (change.ExpectedRevision is { } expected && expected != traffic.Revision)
            {
                throw DeploymentException.Aborted(
                    $"The traffic of endpoint '{endpoint}' changed since etag {DeploymentRules.EtagOf(expected)} (now {DeploymentRules.EtagOf(traffic.Revision)}): read it again and retry.");
            }

            var deployments = await dbContext.Deployments.Where(deployment => deployment.Endpoint == endpoint).Select(deployment => deployment.Name)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            CheckDeploymentsExist("weights", change.Weights, deployments, endpoint);
            CheckDeploymentsExist("mirrors", change.Mirrors, deployments, endpoint);

            traffic.Weights = TrafficJson.Write(change.Weights);
            traffic.Mirrors = TrafficJson.Write(change.Mirrors);
            traffic.StickyHeader = change.StickyHeader;
            traffic.Revision++;
            traffic.UpdatedBy = change.UpdatedBy;
            traffic.UpdateTime = change.UpdateTime;
            var info = ToInfo(traffic);
            dbContext.TrafficHistory.Add(new TrafficHistoryEntity
            {
                Endpoint = endpoint,
                Revision = traffic.Revision,
                Weights = traffic.Weights,
                Mirrors = traffic.Mirrors,
                StickyHeader = traffic.StickyHeader,
                ChangedBy = change.UpdatedBy,
                ChangeTime = change.UpdateTime,
            });
            var owner = await dbContext.Endpoints.AsNoTracking().SingleAsync(row => row.Name == endpoint, cancellationToken).ConfigureAwait(false);
            outbox.Enqueue(changed(owner.ToInfo(), info));
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return info;
        }
        catch (DbUpdateConcurrencyException)
        {
            throw DeploymentException.Aborted($"The traffic of endpoint '{endpoint}' changed meanwhile: read it again and retry.");
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }

            dbContext.ChangeTracker.Clear();
        }
    }

    private static void CheckDeploymentsExist(string field, IReadOnlyDictionary<string, int> percentages, List<string> deployments, string endpoint)
    {
        var unknown = percentages.Keys.Where(name => !deployments.Contains(name, StringComparer.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault();
        if (unknown is not null)
        {
            throw DeploymentException.NotFound($"{field} names deployment '{unknown}', which endpoint '{endpoint}' does not have.");
        }
    }

    private static TrafficInfo ToInfo(TrafficEntity traffic) => new(
        traffic.Endpoint,
        TrafficJson.Read(traffic.Weights),
        TrafficJson.Read(traffic.Mirrors),
        traffic.StickyHeader,
        traffic.Revision,
        traffic.UpdatedBy,
        traffic.UpdateTime);
}
