using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Mlops.LocalInfrastructure.Files;
using Mlops.LocalInfrastructure.Processes;

namespace Mlops.LocalInfrastructure.Networking;

/// <summary>Whether a loopback port is free for a server of ours, and if not, who holds it.</summary>
internal static class PortCheck
{
    /// <exception cref="LocalResourceException">The port is taken: names the port and, when /proc tells, the process.</exception>
    public static async Task EnsureFreeAsync(string resource, int port, string? logFile, CancellationToken cancellationToken)
    {
        // A moment's grace for a server of ours that was just killed and is still closing its sockets.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(1);
        while (!IsFree(port))
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw InUse(resource, port, logFile);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    private static LocalResourceException InUse(string resource, int port, string? logFile)
    {

        var owner = FindListener(port);
        var reason = owner is null ? $"port {port} is in use by another process" : $"port {port} is in use by another process ({owner})";
        return new LocalResourceException(resource, reason, logFile is null ? null : LogTail.Read(logFile));
    }

    /// <summary>
    /// A bind with SO_REUSEADDR, as the servers themselves do: it fails on a listener (on 127.0.0.1 or 0.0.0.0) but
    /// not on the TIME_WAIT leftovers of a server that just stopped.
    /// </summary>
    public static bool IsFree(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static async Task<bool> AcceptsConnectionsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    /// <summary>"pid 1234: node ..." for the process listening on the port, or null when /proc does not tell (another user's process, say).</summary>
    public static string? FindListener(int port)
    {
        try
        {
            var inodes = ListeningSocketInodes("/proc/net/tcp", port).Concat(ListeningSocketInodes("/proc/net/tcp6", port)).ToHashSet();
            if (inodes.Count == 0)
            {
                return null;
            }

            foreach (var processDirectory in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(processDirectory), out var pid) || !OwnsSocket(processDirectory, inodes))
                {
                    continue;
                }

                var commandLine = ProcessTable.CommandLine(pid);
                return $"pid {pid}: {(commandLine.Length > 120 ? commandLine[..120] + "..." : commandLine)}";
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }

    private static IEnumerable<string> ListeningSocketInodes(string table, int port)
    {
        if (!File.Exists(table))
        {
            yield break;
        }

        const string Listen = "0A";
        foreach (var line in File.ReadLines(table).Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10 || fields[3] != Listen)
            {
                continue;
            }

            var local = fields[1];
            var colon = local.LastIndexOf(':');
            if (colon > 0 && int.Parse(local[(colon + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
            {
                yield return $"socket:[{fields[9]}]";
            }
        }
    }

    private static bool OwnsSocket(string processDirectory, HashSet<string> socketLinks)
    {
        try
        {
            foreach (var descriptor in Directory.EnumerateFiles(Path.Combine(processDirectory, "fd")))
            {
                var target = new FileInfo(descriptor).LinkTarget;
                if (target is not null && socketLinks.Contains(target))
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return false;
    }
}
