using Microsoft.EntityFrameworkCore;
using Mlops.Deployment.Application;
using Mlops.EventContracts;
using Mlops.Messaging;
using Mlops.Persistence;

namespace Mlops.Deployment.Infrastructure;

internal sealed class EfDeploymentStore(DeploymentDbContext dbContext, IOutbox outbox) : IDeploymentStore
{
    public async Task AddAsync(DeploymentInfo deployment, DeploymentCreated created, CancellationToken cancellationToken)
    {
        dbContext.Deployments.Add(DeploymentEntity.From(deployment));
        outbox.Enqueue(created);
        try
        {
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (PostgresErrors.IsUniqueViolation(e))
        {
            throw DeploymentUseCases.AlreadyExists(deployment.Endpoint, deployment.Name);
        }
        catch (DbUpdateException e) when (PostgresErrors.IsForeignKeyViolation(e, DeploymentEntityConfiguration.ForeignKeyToEndpoint))
        {
            throw DeploymentException.NotFound($"Endpoint '{deployment.Endpoint}' does not exist.");
        }
        finally
        {
            dbContext.ChangeTracker.Clear();
        }
    }

    public async Task<DeploymentInfo?> FindAsync(string endpoint, string name, CancellationToken cancellationToken)
    {
        var deployment = await dbContext.Deployments.AsNoTracking()
            .SingleOrDefaultAsync(deployment => deployment.Endpoint == endpoint && deployment.Name == name, cancellationToken).ConfigureAwait(false);
        return deployment?.ToInfo();
    }

    public async Task<IReadOnlyList<DeploymentInfo>> ListAsync(string endpoint, CancellationToken cancellationToken)
    {
        var deployments = await dbContext.Deployments.AsNoTracking()
            .Where(deployment => deployment.Endpoint == endpoint)
            .OrderBy(deployment => deployment.Name)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return deployments.ConvertAll(deployment => deployment.ToInfo());
    }

    public async Task DeleteAsync(
        string endpoint, string name, Func<EndpointInfo, DeploymentInfo, DeploymentDeleted> deleted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deleted);
        await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var traffic = await TrafficLock.AcquireAsync(dbContext, endpoint, cancellationToken).ConfigureAwait(false)
                ?? throw DeploymentException.NotFound($"Endpoint '{endpoint}' does not exist.");
            var deployment = await dbContext.Deployments
                .SingleOrDefaultAsync(deployment => deployment.Endpoint == endpoint && deployment.Name == name, cancellationToken).ConfigureAwait(false)
                ?? throw DeploymentException.NotFound($"Deployment '{name}' does not exist on endpoint '{endpoint}'.");
            if (TrafficJson.Read(traffic.Weights).ContainsKey(name) || TrafficJson.Read(traffic.Mirrors).ContainsKey(name))
            {
                throw DeploymentException.FailedPrecondition(
                    $"Deployment '{name}' takes traffic on endpoint '{endpoint}': move its weight and mirror away first (Endpoints.SetTraffic).");
            }

            var owner = await dbContext.Endpoints.AsNoTracking().SingleAsync(row => row.Name == endpoint, cancellationToken).ConfigureAwait(false);
            dbContext.Deployments.Remove(deployment);
            outbox.Enqueue(deleted(owner.ToInfo(), deployment.ToInfo()));
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            dbContext.ChangeTracker.Clear();
        }
    }
}
