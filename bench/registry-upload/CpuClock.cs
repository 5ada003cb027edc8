using System.Globalization;

namespace Mlops.Bench.RegistryUpload;

/// <summary>
/// CPU time, for figures that a busy machine does not blur: of given processes (their own and reaped children's,
/// from /proc/PID/stat), and of the whole machine (/proc/stat).
/// </summary>
internal static class CpuClock
{
    private static readonly double TicksPerSecond = 100;

    public static TimeSpan Process(int pid)
    {
        // Fields after the command name (which may contain spaces, so cut at the last ')'): utime is the 12th, stime 13th, cutime 14th, cstime 15th.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
            + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    public static TimeSpan Self() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>Busy CPU time of the whole machine, all cores together.</summary>
    public static TimeSpan Machine()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long busy = 0;
        for (var i = 1; i < cpu.Length; i++)
        {
            // idle (4th) and iowait (5th) are not busy.
            if (i is not 4 and not 5)
            {
                busy += long.Parse(cpu[i], CultureInfo.InvariantCulture);
            }
        }

        return TimeSpan.FromSeconds(busy / TicksPerSecond);
    }
}
