namespace Mlops.LocalInfrastructure.Files;

/// <summary>
/// An exclusive lock on one resource of one state folder, across processes (flock through FileShare.None): the
/// AppHost, eng/infra.sh and test projects that start at the same time find one server instead of racing for it.
/// </summary>
internal static class StateLock
{
    public static async Task<IDisposable> AcquireAsync(string stateDirectory, string resource, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string path;
        try
        {
            var directory = Path.Combine(stateDirectory, ".locks");
            Directory.CreateDirectory(directory);
            path = Path.Combine(directory, resource + ".lock");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new LocalResourceException(resource, $"permission denied: cannot create the state folder {stateDirectory} ({e.Message})", innerException: e);
        }

        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new LocalResourceException(resource, $"permission denied: cannot open {path} ({e.Message})", innerException: e);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new LocalResourceException(resource, $"another start or stop of it has held {path} for {timeout.TotalSeconds:0} s", innerException: e);
            }
        }
    }
}
