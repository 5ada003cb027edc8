namespace Mlops.Testing;

public static class RepoPaths
{
    /// <summary>The repository root: the first folder upwards that holds Mlops.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mlops.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Mlops.sln not found above " + AppContext.BaseDirectory);
    }
}
