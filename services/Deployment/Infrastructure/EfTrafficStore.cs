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
        await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
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
            var owner = await dbContext.Endpoints.AsNoTracking().SingleAsync(row => row.Name == endpoint, cancellationToken).ConfigureAwait(false);
            outbox.Enqueue(changed(owner.ToInfo(), info));
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return info;
        }
        catch (DbUpdateConcurrencyException)
        {
            throw DeploymentException.Aborted($"The traffic of endpoint '{endpoint}' changed meanwhile: read it again and retry.");
        }
        finally
        {
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
