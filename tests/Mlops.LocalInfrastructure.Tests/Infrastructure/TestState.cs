using Mlops.LocalInfrastructure.Processes;
using Mlops.Testing;

namespace Mlops.LocalInfrastructure.Tests.Infrastructure;

/// <summary>
/// A state folder and ports of a test's own, in /tmp (whose every parent the postgres user can search). Disposing it
/// stops whatever runs from it, kills what a broken stop would leave, and deletes the folder.
/// </summary>
public sealed class TestState : IAsyncDisposable
{
    private TestState(string directory)
    {
        Directory = directory;
        Options = TestInfrastructure.PrivateOptions(directory) with
        {
            RepositoryRoot = RepositoryRoot,
            AzuriteDirectory = Path.Combine(RepositoryRoot, "eng", "azurite"),
        };
    }

    public static string RepositoryRoot { get; } =
        LocalInfrastructureOptions.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Mlops.sln not found above " + AppContext.BaseDirectory);

    public string Directory { get; }

    public LocalInfrastructureOptions Options { get; set; }

    /// <param name="parent">Where the state folder goes; a fresh folder in /tmp when null.</param>
    public static TestState Create(string label, string? parent = null)
    {
        var directory = Path.Combine(parent ?? Path.GetTempPath(), $"mlops-infra-{label}-{Guid.NewGuid():N}"[..32]);
        System.IO.Directory.CreateDirectory(directory);
        return new TestState(directory);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await new LocalServers(Options).StopAllAsync();
        }
        catch (Exception e) when (e is LocalResourceException or AggregateException)
        {
            // The tests assert their stops themselves; here only nothing may be left behind.
        }

        foreach (var pid in ProcessesOf(Directory))
        {
            await ProcessTable.KillAsync(pid);
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Live processes whose command line or environment names <paramref name="directory"/>: servers started from that state folder.</summary>
    public static IReadOnlyList<int> ProcessesOf(string directory)
    {
        var found = new List<int>();
        foreach (var entry in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid) || pid == Environment.ProcessId || !ProcessTable.IsAlive(pid))
            {
                continue;
            }

            try
            {
                if (ProcessTable.CommandLine(pid).Contains(directory, StringComparison.Ordinal)
                    || File.ReadAllText(Path.Combine(entry, "environ")).Contains(directory, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        return found;
    }
}
