using System.Net;
using System.Net.Sockets;
using Mlops.Hosting.ApplicationModel;

namespace Mlops.Hosting.Orchestration;

/// <summary>Gives every endpoint its port before anything starts, so each service's environment can name the others'.</summary>
internal static class PortAllocator
{
    /// <exception cref="InvalidOperationException">A fixed port is already taken: the service could never bind it.</exception>
    public static void Assign(IEnumerable<ProjectResource> projects, bool randomize)
    {
        var taken = new HashSet<int>();
        foreach (var project in projects)
        {
            foreach (var endpoint in project.Endpoints)
            {
                if (endpoint.Port is int fixedPort && !randomize)
                {
                    if (!taken.Add(fixedPort) || !IsFree(fixedPort))
                    {
                        throw new InvalidOperationException(
                            $"{project} endpoint '{endpoint.Name}': port {fixedPort} on 127.0.0.1 is in use. Stop what holds it, or run with AppHost__RandomizePorts=true.");
                    }

                    endpoint.AllocatedPort = fixedPort;
                    continue;
                }

                int port;
                do
                {
                    port = FreePort();
                }
                while (!taken.Add(port));
                endpoint.AllocatedPort = port;
            }
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
