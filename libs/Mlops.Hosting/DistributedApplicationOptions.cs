using Microsoft.Extensions.Configuration;
using Mlops.Hosting.Orchestration;
using Mlops.LocalInfrastructure;

namespace Mlops.Hosting;

/// <summary>How the AppHost runs: from configuration (<c>AppHost:*</c> keys: appsettings, <c>AppHost__*</c> variables, arguments) and the testing entry point.</summary>
public sealed class DistributedApplicationOptions
{
    /// <summary>Free ports for every service endpoint instead of the fixed ones in the model (tests; several AppHosts on one machine).</summary>
    public bool RandomizePorts { get; set; }

    /// <summary>Resource log lines on the console, prefixed with the resource's name.</summary>
    public bool WriteLogsToConsole { get; set; } = true;

    /// <summary>The table of resources, printed whenever a state, health or endpoint changes.</summary>
    public bool ShowResourceTable { get; set; } = true;

    /// <summary>The environment name services run in (DOTNET_ENVIRONMENT and ASPNETCORE_ENVIRONMENT).</summary>
    public string EnvironmentName { get; set; } = "Development";

    /// <summary>How long a service has after SIGTERM before it is killed: more than the 30 s ServiceDefaults gives a host to drain.</summary>
    public TimeSpan StopGrace { get; set; } = TimeSpan.FromSeconds(35);

    public RestartBackoff RestartBackoff { get; set; } = new();

    /// <summary>Where PostgreSQL, RabbitMQ and Azurite keep state and listen: the MLOPS_* variables over the defaults.</summary>
    public LocalInfrastructureOptions Infrastructure { get; set; } = LocalInfrastructureOptions.FromEnvironment();

    /// <summary>When set, only these resources and what they reference, wait for or live in are started.</summary>
    public IReadOnlyCollection<string>? OnlyResources { get; set; }

    internal static DistributedApplicationOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("AppHost");
        var options = new DistributedApplicationOptions();
        options.RandomizePorts = Flag(section, nameof(RandomizePorts), options.RandomizePorts);
        options.WriteLogsToConsole = Flag(section, nameof(WriteLogsToConsole), options.WriteLogsToConsole);
        options.ShowResourceTable = Flag(section, nameof(ShowResourceTable), options.ShowResourceTable);
        options.EnvironmentName = section[nameof(EnvironmentName)] is { Length: > 0 } environmentName ? environmentName : options.EnvironmentName;
        return options;
    }

    private static bool Flag(IConfiguration section, string key, bool fallback) =>
        section[key] is { } text
            ? bool.TryParse(text, out var value) ? value : throw new InvalidOperationException($"AppHost:{key} is '{text}'; use true or false.")
            : fallback;
}
