namespace Mlops.LocalInfrastructure;

/// <summary>A piece of infrastructure run as a local process, owned by this repository's state folder.</summary>
public interface ILocalResource
{
    /// <summary>"postgres", "rabbitmq" or "azurite".</summary>
    string Name { get; }

    /// <summary>The file its server writes its log to.</summary>
    string LogFile { get; }

    /// <summary>Starts it, or finds the one already running; returns when it accepts connections.</summary>
    /// <exception cref="LocalResourceException">It could not start: says why and shows the tail of its log.</exception>
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops it if it runs; no error when it does not.</summary>
    Task StopAsync(CancellationToken cancellationToken = default);

    Task<ResourceStatus> GetStatusAsync(CancellationToken cancellationToken = default);
}
