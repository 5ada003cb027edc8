namespace Mlops.Bench.RegistryUpload;

/// <summary>One timed upload of <paramref name="Bytes"/> bytes, and the CPU time each party spent on it.</summary>
internal sealed record Measurement(string Path, int Run, long Bytes, TimeSpan Elapsed, CpuSample Cpu)
{
    public double MiB => Bytes / (1024.0 * 1024.0);

    public double MiBPerSecond => MiB / Elapsed.TotalSeconds;

    /// <summary>CPU milliseconds per MiB uploaded, of the client, the registry and Azurite together.</summary>
    public double CpuMsPerMiB => (Cpu.Client + Cpu.Registry + Cpu.Azurite).TotalMilliseconds / MiB;

    /// <summary>How much of the machine's cores other programs used meanwhile, in % of one core.</summary>
    public double OthersPercent => Cpu.Others / Elapsed * 100;
}
