using System.Globalization;

namespace Mlops.Registry.Application.Uploads;

/// <summary>
/// The paths of one directory artifact, checked as they arrive: each valid on its own, none twice, and none a file
/// and a directory at once ("a" and "a/b"), so that the artifact can be written out to any file system as it is.
/// </summary>
public sealed class ArtifactPaths
{
    public const int MaxPathLength = 1024;
    public const int MaxFiles = 10_000;

    private readonly HashSet<string> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);

    public int Count => _files.Count;

    /// <summary>Takes <paramref name="path"/> as the artifact's next file.</summary>
    /// <exception cref="RegistryException">INVALID_ARGUMENT naming the path and what is wrong with it.</exception>
    public void Add(string? path)
    {
        if (Problem(path) is { } problem)
        {
            throw RegistryException.Invalid($"file.path '{path}' is invalid: {problem}.");
        }

        if (_files.Count == MaxFiles)
        {
            throw RegistryException.Invalid(
                string.Create(CultureInfo.InvariantCulture, $"file.path '{path}' is one file too many: an artifact has at most {MaxFiles} files."));
        }

        if (_files.Contains(path!))
        {
            throw RegistryException.Invalid($"file.path '{path}' appears twice: each file of an artifact has a path of its own.");
        }

        if (_directories.Contains(path!))
        {
            throw RegistryException.Invalid($"file.path '{path}' is already a directory of the artifact (other files lie under it), so it cannot be a file.");
        }

        for (var slash = path!.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            var parent = path[..slash];
            if (_files.Contains(parent))
            {
                throw RegistryException.Invalid($"file.path '{path}' lies under '{parent}', which is a file of the artifact, not a directory.");
            }
        }

        _files.Add(path);
        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            _directories.Add(path[..slash]);
        }
    }

    /// <summary>What makes <paramref name="path"/> unusable on its own, or null when it is a valid relative path.</summary>
    public static string? Problem(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "a file needs a path";
        }

        if (path.Length > MaxPathLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it has {path.Length} characters, at most {MaxPathLength} are allowed");
        }

        if (path[0] == '/')
        {
            return "it must be relative, without a leading '/'";
        }

        foreach (var c in path)
        {
            if (c == '\\')
            {
                return "segments are separated by '/', and '\\' is not allowed";
            }

            // A line feed would forge a line of the manifest; no control character belongs in a file name.
            if (char.IsControl(c))
            {
                return string.Create(CultureInfo.InvariantCulture, $"it contains the control character U+{(int)c:X4}");
            }
        }

        foreach (var segment in path.Split('/'))
        {
            switch (segment)
            {
                case "":
                    return "it has an empty segment ('//' or a trailing '/')";
                case ".":
                case "..":
                    return $"it has a '{segment}' segment; paths are plain, without '.' or '..'";
            }
        }

        return null;
    }
}
