using Microsoft.Extensions.Logging;

namespace Mlops.LocalInfrastructure;

/// <summary>
/// PostgreSQL, RabbitMQ and Azurite of one state folder, started and stopped together: what the AppHost, eng/infra.sh
/// and the integration tests share. (Not named LocalInfrastructure: inside any Mlops.* namespace that name finds the
/// namespace Mlops.LocalInfrastructure before the type.)
/// </summary>
public sealed class LocalServers
{
    public LocalServers(LocalInfrastructureOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Postgres = new PostgresServer(options, loggerFactory?.CreateLogger<PostgresServer>());
        RabbitMq = new RabbitMqServer(options, loggerFactory?.CreateLogger<RabbitMqServer>());
        Azurite = new AzuriteServer(options, loggerFactory?.CreateLogger<AzuriteServer>());
        Resources = [Postgres, RabbitMq, Azurite];
    }

    public LocalInfrastructureOptions Options { get; }

    public PostgresServer Postgres { get; }

    public RabbitMqServer RabbitMq { get; }

    public AzuriteServer Azurite { get; }

    /// <summary>postgres, rabbitmq, azurite: the order they start in, and the reverse of the one they stop in.</summary>
    public IReadOnlyList<ILocalResource> Resources { get; }

    /// <summary>The defaults with this process's environment overrides, for the repository this code runs from.</summary>
    public static LocalServers FromEnvironment(ILoggerFactory? loggerFactory = null) => new(LocalInfrastructureOptions.FromEnvironment(), loggerFactory);

    /// <exception cref="ArgumentException">Not one of postgres, rabbitmq, azurite.</exception>
    public ILocalResource Get(string name) =>
        Resources.FirstOrDefault(resource => string.Equals(resource.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No resource '{name}': choose among {string.Join(", ", Resources.Select(resource => resource.Name))}.", nameof(name));

    public Task StartAllAsync(CancellationToken cancellationToken = default) => StartAsync(Resources, cancellationToken);

    /// <summary>
    /// Starts them side by side (RabbitMQ's boot dominates). When one fails, those this call started are stopped
    /// again and its <see cref="LocalResourceException"/> is thrown; an <see cref="AggregateException"/> of them when
    /// several fail.
    /// </summary>
    public async Task StartAsync(IEnumerable<ILocalResource> resources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var selected = resources.Distinct().ToList();
        var before = await Task.WhenAll(selected.Select(resource => resource.GetStatusAsync(cancellationToken))).ConfigureAwait(false);
        var starts = selected.Select(resource => resource.StartAsync(cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(starts).ConfigureAwait(false);
        }
        catch
        {
            for (var i = 0; i < selected.Count; i++)
            {
                if (starts[i].IsCompletedSuccessfully && before[i].State != ResourceState.Running)
                {
                    await selected[i].StopAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }

            var failures = starts.Where(start => start.IsFaulted).SelectMany(start => start.Exception!.InnerExceptions).ToList();
            if (failures.Count > 1)
            {
                throw new AggregateException("Local infrastructure did not start: " + string.Join("; ", failures.Select(failure => failure.Message.Split('\n')[0])), failures);
            }

            throw;
        }
    }

    public async Task StopAllAsync(CancellationToken cancellationToken = default) => await StopAsync(Resources, cancellationToken).ConfigureAwait(false);

    /// <summary>Stops them in reverse start order; stopping what does not run is no error.</summary>
    public async Task StopAsync(IEnumerable<ILocalResource> resources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var failures = new List<Exception>();
        foreach (var resource in resources.Reverse())
        {
            try
            {
                await resource.StopAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (LocalResourceException e)
            {
                failures.Add(e);
            }
        }

        if (failures.Count == 1)
        {
            throw failures[0];
        }

        if (failures.Count > 1)
        {
            throw new AggregateException("Local infrastructure did not stop: " + string.Join("; ", failures.Select(failure => failure.Message.Split('\n')[0])), failures);
        }
    }

    public async Task<IReadOnlyList<ResourceStatus>> GetStatusAsync(CancellationToken cancellationToken = default) =>
        await Task.WhenAll(Resources.Select(resource => resource.GetStatusAsync(cancellationToken))).ConfigureAwait(false);
}
