using System.Globalization;

namespace Mlops.Blobs.Tests.Infrastructure;

/// <summary>
/// Measures how far this process's memory rises above where it stood at the start: the managed
/// heap (garbage included, sampled every few milliseconds) and the resident set, both sampled
/// and, on Linux, as the kernel's high-water mark (VmHWM, reset at the start).
/// </summary>
public sealed class MemoryProbe : IDisposable
{
    private readonly long _baselineManaged;
    private readonly long _baselineResident;
    private readonly long _baselineAllocated;
    private readonly bool _highWaterMarkReset;
    private readonly Thread _sampler;
    private volatile bool _stopping;
    private long _peakManaged;
    private long _peakResident;

    private MemoryProbe()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        _baselineManaged = GC.GetTotalMemory(forceFullCollection: true);
        _baselineResident = ResidentBytes();
        _baselineAllocated = GC.GetTotalAllocatedBytes(precise: true);
        _highWaterMarkReset = TryResetHighWaterMark();
        _peakManaged = _baselineManaged;
        _peakResident = _baselineResident;
        _sampler = new Thread(Sample) { IsBackground = true, Name = "memory probe" };
        _sampler.Start();
    }

    public static MemoryProbe Start() => new();

    public MemoryReport Stop()
    {
        _stopping = true;
        _sampler.Join();
        var highWaterMark = _highWaterMarkReset ? HighWaterMarkBytes() : null;
        var peakResident = Math.Max(_peakResident, highWaterMark ?? 0);
        return new MemoryReport(
            _baselineManaged,
            _peakManaged - _baselineManaged,
            _baselineResident,
            peakResident - _baselineResident,
            highWaterMark is not null,
            GC.GetTotalAllocatedBytes(precise: true) - _baselineAllocated);
    }

    public void Dispose()
    {
        _stopping = true;
        _sampler.Join();
    }

    private void Sample()
    {
        while (!_stopping)
        {
            _peakManaged = Math.Max(_peakManaged, GC.GetTotalMemory(forceFullCollection: false));
            _peakResident = Math.Max(_peakResident, ResidentBytes());
            Thread.Sleep(5);
        }
    }

    private static long ResidentBytes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return Environment.WorkingSet;
        }

        // statm's second field: resident pages.
        var fields = File.ReadAllText("/proc/self/statm").Split(' ');
        return long.Parse(fields[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
    }

    /// <summary>Writing 5 to clear_refs resets VmHWM to the current resident size (Linux 4.0+).</summary>
    private static bool TryResetHighWaterMark()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    private static long? HighWaterMarkBytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
