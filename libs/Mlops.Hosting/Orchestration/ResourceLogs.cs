namespace Mlops.Hosting.Orchestration;

/// <summary>
/// Every resource's log lines: written to the console with the resource's name as a prefix, and the last lines of each
/// kept in memory so a test can show why a resource failed.
/// </summary>
public sealed class ResourceLogs(bool writeToConsole)
{
    private const int KeptLines = 2000;
    private static readonly ConsoleColor[] Palette = [ConsoleColor.Cyan, ConsoleColor.Magenta, ConsoleColor.Yellow, ConsoleColor.Green, ConsoleColor.Blue, ConsoleColor.DarkCyan, ConsoleColor.DarkYellow];

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<string>> _lines = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ConsoleColor> _colors = new(StringComparer.OrdinalIgnoreCase);
    private readonly bool _colored = writeToConsole && !Console.IsOutputRedirected;
    private int _prefixWidth = 8;

    public void Write(string resourceName, string line)
    {
        lock (_lock)
        {
            if (!_lines.TryGetValue(resourceName, out var kept))
            {
                kept = new Queue<string>();
                _lines[resourceName] = kept;
                _colors[resourceName] = Palette[(_colors.Count) % Palette.Length];
                _prefixWidth = Math.Max(_prefixWidth, resourceName.Length);
            }

            kept.Enqueue(line);
            if (kept.Count > KeptLines)
            {
                kept.Dequeue();
            }

            if (!writeToConsole)
            {
                return;
            }

            if (_colored)
            {
                Console.ForegroundColor = _colors[resourceName];
                Console.Write(resourceName.PadRight(_prefixWidth));
                Console.ResetColor();
                Console.Out.WriteLine(" | " + line);
            }
            else
            {
                Console.Out.WriteLine(resourceName.PadRight(_prefixWidth) + " | " + line);
            }
        }
    }

    /// <summary>The last lines the resource wrote, oldest first.</summary>
    public IReadOnlyList<string> Get(string resourceName)
    {
        lock (_lock)
        {
            return _lines.TryGetValue(resourceName, out var kept) ? kept.ToList() : [];
        }
    }
}
