using System.Text;

namespace Mlops.LocalInfrastructure.Files;

/// <summary>The last lines of a log, from a given offset on: what this start wrote, not what earlier runs did.</summary>
internal static class LogTail
{
    private const int MaxBytes = 64 * 1024;

    public static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    public static string? Read(string path, long fromOffset = 0, int lines = 40)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var start = Math.Max(Math.Min(fromOffset, stream.Length), stream.Length - MaxBytes);
            stream.Seek(start, SeekOrigin.Begin);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var tail = string.Join('\n', all.TakeLast(lines)).TrimEnd();
            return tail.Length == 0 ? null : tail;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
