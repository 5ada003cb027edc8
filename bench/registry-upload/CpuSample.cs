namespace Mlops.Bench.RegistryUpload;

/// <summary>CPU time used so far by the bench (the client), the registry, Azurite and the whole machine.</summary>
internal sealed record CpuSample(TimeSpan Client, TimeSpan Registry, TimeSpan Azurite, TimeSpan Machine)
{
    public static CpuSample operator -(CpuSample end, CpuSample start)
    {
        ArgumentNullException.ThrowIfNull(end);
        ArgumentNullException.ThrowIfNull(start);
        return new(end.Client - start.Client, end.Registry - start.Registry, end.Azurite - start.Azurite, end.Machine - start.Machine);
    }

    /// <summary>What neither the bench nor its servers used: other programs on the machine.</summary>
    public TimeSpan Others => Machine - Client - Registry - Azurite;
}
