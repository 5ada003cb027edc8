namespace Mlops.Testing;

/// <summary>A service process started by <see cref="ServiceProcesses"/>, healthy, with the ports it listens on.</summary>
public sealed record StartedService(ChildProcess Process, int GrpcPort, int HttpPort)
{
    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort}");
}
