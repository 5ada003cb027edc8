using Microsoft.EntityFrameworkCore;
using Mlops.Deployment.Application;
using Mlops.EventContracts;
using Mlops.Messaging;
using Mlops.Persistence;

namespace Mlops.Deployment.Infrastructure;

internal sealed class EfEndpointStore(DeploymentDbContext dbContext, IOutbox outbox) : IEndpointStore
{
    public async Task AddAsync(EndpointInfo endpoint, EndpointCreated created, CancellationToken cancellationToken)
    {
        dbContext.Endpoints.Add(EndpointEntity.From(endpoint));
        dbContext.Traffic.Add(new TrafficEntity
        {
            Endpoint = endpoint.Name,
            Weights = TrafficJson.Empty,
            Mirrors = TrafficJson.Empty,
            StickyHeader = "",
            Revision = 0,
            UpdatedBy = "",
        });
        outbox.Enqueue(created);
        try
        {
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (PostgresErrors.IsUniqueViolation(e))
        {
            throw DeploymentException.AlreadyExists($"Endpoint '{endpoint.Name}' already exists.");
        }
        finally
        {
            dbContext.ChangeTracker.Clear();
        }
    }

    public async Task<EndpointInfo?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var endpoint = await dbContext.Endpoints.AsNoTracking().SingleOrDefaultAsync(endpoint => endpoint.Name == name, cancellationToken).ConfigureAwait(false);
        return endpoint?.ToInfo();
    }

    public async Task<IReadOnlyList<EndpointInfo>> ListAsync(string? environment, string? afterName, int take, CancellationToken cancellationToken)
    {
        var query = dbContext.Endpoints.AsNoTracking();
        if (environment is not null)
        {
            query = query.Where(endpoint => endpoint.Environment == environment);
        }

        if (afterName is not null)
        {
            query = query.Where(endpoint => string.Compare(endpoint.Name, afterName) > 0);
        }

        var endpoints = await query.OrderBy(endpoint => endpoint.Name).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return endpoints.ConvertAll(endpoint => endpoint.ToInfo());
    }

    public async Task DeleteAsync(string name, Func<EndpointInfo, EndpointDeleted> deleted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deleted);
        await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _ = await TrafficLock.AcquireAsync(dbContext, name, cancellationToken).ConfigureAwait(false)
                ?? throw DeploymentException.NotFound($"Endpoint '{name}' does not exist.");
            var endpoint = await dbContext.Endpoints.SingleAsync(endpoint => endpoint.Name == name, cancellationToken).ConfigureAwait(false);
            var deployments = await dbContext.Deployments.CountAsync(deployment => deployment.Endpoint == name, cancellationToken).ConfigureAwait(false);
            if (deployments > 0)
            {
                throw DeploymentException.FailedPrecondition(
                    $"Endpoint '{name}' still has {deployments} deployment(s): delete them first (Deployments.DeleteDeployment).");
            }

            dbContext.Endpoints.Remove(endpoint);
            outbox.Enqueue(deleted(endpoint.ToInfo()));
            await dbContext.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (PostgresErrors.IsForeignKeyViolation(e, DeploymentEntityConfiguration.ForeignKeyToEndpoint))
        {
            throw DeploymentException.FailedPrecondition($"Endpoint '{name}' got a deployment while being deleted: delete its deployments first.");
        }
        finally
        {
            dbContext.ChangeTracker.Clear();
        }
    }
}
