using System.Net;
using System.Net.Sockets;

namespace Mlops.Testing;

/// <summary>Loopback ports nothing listens on, never the same one twice in a test run: no test meets the defaults a developer's infrastructure uses.</summary>
public static class FreePorts
{
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        lock (Given)
        {
            while (true)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
