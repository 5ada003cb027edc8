using Mlops.Resources;

namespace Mlops.Testing;

/// <summary>
/// Starts one of this repository's services as the AppHost does: its build output run by <c>dotnet</c>, configured
/// through the environment contract, on fresh gRPC (HTTP/2) and HTTP/1 ports, and ready once <c>/health</c> answers.
/// </summary>
public static class ServiceProcesses
{
    private static readonly HttpClient Http = new();

    /// <summary>
    /// The service's assembly in the configuration this program was built in (a Release test or benchmark runs the
    /// Release service), e.g. <c>Assembly("services/Registry", "Mlops.Registry")</c>.
    /// </summary>
    public static string Assembly(string projectFolder, string assemblyName)
    {
        var release = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
        return Path.Combine(RepoPaths.Root, projectFolder, "bin", release ? "Release" : "Debug", "net10.0", assemblyName + ".dll");
    }

    public static async Task<StartedService> StartAsync(string assemblyPath, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var grpcPort = FreePorts.Next();
        var httpPort = FreePorts.Next();
        var withEndpoints = new Dictionary<string, string>(environment)
        {
            [$"Kestrel__Endpoints__{EndpointNames.Grpc}__Url"] = $"http://127.0.0.1:{grpcPort}",
            [$"Kestrel__Endpoints__{EndpointNames.Grpc}__Protocols"] = "Http2",
            [$"Kestrel__Endpoints__{EndpointNames.Http}__Url"] = $"http://127.0.0.1:{httpPort}",
            [$"Kestrel__Endpoints__{EndpointNames.Http}__Protocols"] = "Http1",
        };
        var process = await ChildProcess.StartAsync("dotnet", [assemblyPath], withEndpoints, grpcPort, cancellationToken => IsHealthyAsync(httpPort, cancellationToken))
            .ConfigureAwait(false);
        return new StartedService(process, grpcPort, httpPort);
    }

    private static async Task<bool> IsHealthyAsync(int httpPort, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/health"), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
