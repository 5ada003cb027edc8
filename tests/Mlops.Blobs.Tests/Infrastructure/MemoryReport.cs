namespace Mlops.Blobs.Tests.Infrastructure;

public sealed record MemoryReport(
    long BaselineManaged,
    long PeakManagedGrowth,
    long BaselineResident,
    long PeakResidentGrowth,
    bool KernelHighWaterMark,
    long Allocated)
{
    private const double MiB = 1024 * 1024;

    public override string ToString() =>
        $"managed heap {BaselineManaged / MiB:F0} MiB + peak {PeakManagedGrowth / MiB:F1} MiB; " +
        $"resident {BaselineResident / MiB:F0} MiB + peak {PeakResidentGrowth / MiB:F1} MiB ({(KernelHighWaterMark ? "VmHWM and samples" : "samples")}); " +
        $"allocated {Allocated / MiB:F1} MiB in all";
}
