using Mlops.Grpc.Client;
using Mlops.Testing;

namespace Mlops.Deployment.Tests.Infrastructure;

/// <summary>The service processes a fixture starts (in Development, as the AppHost runs them) and the channels it opens to them, disposed together.</summary>
public sealed class ServicePool : IAsyncDisposable
{
    private readonly List<StartedService> _processes = [];
    private readonly List<GrpcChannel> _channels = [];

    public async Task<StartedService> StartAsync(string folder, string assembly, Dictionary<string, string> environment)
    {
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var started = await ServiceProcesses.StartAsync(ServiceProcesses.Assembly(folder, assembly), environment);
        _processes.Add(started);
        return started;
    }

    public GrpcChannel Channel(Uri address)
    {
        var channel = GrpcChannel.ForAddress(address);
        _channels.Add(channel);
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        foreach (var process in _processes)
        {
            await process.Process.DisposeAsync();
        }
    }
}
