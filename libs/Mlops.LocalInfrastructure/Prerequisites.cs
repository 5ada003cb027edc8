using Microsoft.Extensions.Logging;
using Mlops.LocalInfrastructure.Files;
using Mlops.LocalInfrastructure.Processes;

namespace Mlops.LocalInfrastructure;

/// <summary>
/// Installs what a resource lacks by running eng/prerequisites.sh (apt packages, npm ci), the one place that knows how,
/// so the AppHost and test runs on a fresh machine need no step of their own.
/// </summary>
internal sealed class Prerequisites(LocalInfrastructureOptions options, ILogger logger)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <param name="isSatisfied">Checked before and after the script runs.</param>
    /// <param name="missing">What to name when it is missing: a binary and the package that brings it.</param>
    public async Task EnsureAsync(string resource, Func<bool> isSatisfied, string missing, CancellationToken cancellationToken)
    {
        if (isSatisfied())
        {
            return;
        }

        var script = options.PrerequisitesScript;
        if (!options.InstallMissingPrerequisites || script is null || !File.Exists(script))
        {
            throw new LocalResourceException(resource, $"binary missing: {missing}; run eng/prerequisites.sh");
        }

        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var crossProcess = await StateLock.AcquireAsync(options.StateDirectory, "prerequisites", TimeSpan.FromMinutes(20), cancellationToken).ConfigureAwait(false);
            if (isSatisfied())
            {
                return;
            }

            Log.InstallingPrerequisites(logger, resource, missing, script);
            var result = await CommandRunner.RunAsync("bash", [script], TimeSpan.FromMinutes(15), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                throw new LocalResourceException(resource, $"binary missing: {missing}; eng/prerequisites.sh failed (exit {result.ExitCode})", Tail(result.Output));
            }

            if (!isSatisfied())
            {
                throw new LocalResourceException(resource, $"binary missing: {missing}, even after eng/prerequisites.sh", Tail(result.Output));
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    public static bool IsOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, command)));

    private static string Tail(string output) => string.Join('\n', output.Split('\n').TakeLast(30)).Trim();
}
