using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Mlops.Deployment.Gateway;

/// <summary>
/// Artifacts on disk, one file per SHA-256 (its lower-case hex digest as the name). A file is fetched into a temporary
/// file, verified against the digest the deployment stored, and only then renamed into place, so the cache never holds
/// a partial or wrong file under a digest's name. A cached file is hashed again before each use: a file changed on
/// disk is discarded and fetched again. Concurrent requests for one digest share one fetch.
/// </summary>
public sealed class ArtifactCache(RegistryArtifacts registry, GatewayMetrics metrics, IOptions<GatewayOptions> options, ILogger<ArtifactCache> logger)
{
    private readonly string _folder = options.Value.ResolvedArtifactCache();
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _fetches = new(StringComparer.Ordinal);

    /// <summary>The path of the verified artifact whose digest is <paramref name="sha256"/>.</summary>
    /// <exception cref="ModelLoadException">It cannot be fetched, or what the registry sends has another digest.</exception>
    public async Task<string> GetAsync(string workspace, string modelName, int version, string sha256, CancellationToken cancellationToken)
    {
        var digest = sha256.ToLowerInvariant();
        if (digest.Length != 64 || !digest.All(char.IsAsciiHexDigitLower))
        {
            throw new ModelLoadException($"The deployment's artifact digest '{sha256}' is not a SHA-256.");
        }

        var fetch = _fetches.GetOrAdd(digest, key => new Lazy<Task<string>>(() => FetchAsync(workspace, modelName, version, key)));
        try
        {
            return await fetch.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The next caller verifies the file again rather than trusting an old answer.
            if (fetch.Value.IsCompleted)
            {
                _fetches.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(digest, fetch));
            }
        }
    }

    private async Task<string> FetchAsync(string workspace, string modelName, int version, string digest)
    {
        // Off the caller's context, and not canceled by one caller leaving while others wait on the same fetch.
        await Task.Yield();
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, digest);
        if (File.Exists(path))
        {
            if (await DigestOfAsync(path).ConfigureAwait(false) == digest)
            {
                return path;
            }

            logger.LogWarning("The cached artifact {Path} no longer has its digest; it is discarded and fetched again", path);
            File.Delete(path);
        }

        var temporary = Path.Combine(_folder, $"{digest}.{Guid.NewGuid():N}.part");
        var outcome = "failed";
        try
        {
            string actual;
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
                await registry.DownloadAsync(workspace, modelName, version, stream, timeout.Token).ConfigureAwait(false);
                stream.Position = 0;
                actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream).ConfigureAwait(false));
            }

            outcome = actual == digest ? "verified" : "mismatch";
            if (actual != digest)
            {
                throw new ModelLoadException(
                    $"The artifact of {modelName} version {version} has SHA-256 {actual}, not {digest} as the deployment recorded: it was not loaded.");
            }

            File.Move(temporary, path, overwrite: true);
            return path;
        }
        finally
        {
            File.Delete(temporary);
            metrics.ArtifactDownloaded(outcome);
        }
    }

    private static async Task<string> DigestOfAsync(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream).ConfigureAwait(false));
        }
    }
}
