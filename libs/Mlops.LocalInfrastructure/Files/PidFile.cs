using System.Globalization;

namespace Mlops.LocalInfrastructure.Files;

/// <summary>A file whose first line is a process id (ours, or postmaster.pid, whose first line is the postmaster's).</summary>
internal static class PidFile
{
    public static int? Read(string path)
    {
        try
        {
            var firstLine = File.ReadLines(path).FirstOrDefault();
            return int.TryParse(firstLine?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static void Write(string path, int pid) => File.WriteAllText(path, pid.ToString(CultureInfo.InvariantCulture) + "\n");

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
