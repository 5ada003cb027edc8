using System.Globalization;

namespace Mlops.Bench.RegistryUpload;

/// <summary>Every run of both paths, their medians and the ratio the lead's benchmark checks (registry ≥ 80% of the blob client).</summary>
internal sealed record BenchReport(BenchSettings Settings, IReadOnlyList<Measurement> Measurements)
{
    public const string Blob = "blob client";
    public const string Registry = "registry";

    public double Median(string path, Func<Measurement, double> figure)
    {
        var values = Measurements.Where(m => m.Path == path).Select(figure).Order().ToList();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    public void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(culture, $"Upload of {Settings.UploadMiB} MiB to Azurite, {Settings.Runs} runs per path, alternating; gRPC chunks of {Settings.ChunkBytes} bytes."));
        output.WriteLine("CPU: ms per MiB of the client (this process), the registry and Azurite; others: what other programs used meanwhile, % of one core.");
        output.WriteLine();
        output.WriteLine("| path | run | s | MiB/s | client ms/MiB | registry ms/MiB | Azurite ms/MiB | others % |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var m in Measurements)
        {
            output.WriteLine(string.Create(
                culture,
                $"| {m.Path} | {m.Run} | {m.Elapsed.TotalSeconds:0.00} | {m.MiBPerSecond:0.0} | {PerMiB(m, m.Cpu.Client):0.0} | {PerMiB(m, m.Cpu.Registry):0.0} | {PerMiB(m, m.Cpu.Azurite):0.0} | {m.OthersPercent:0} |"));
        }

        var blob = Median(Blob, m => m.MiBPerSecond);
        var registry = Median(Registry, m => m.MiBPerSecond);
        output.WriteLine();
        output.WriteLine(string.Create(culture, $"median {Blob}: {blob:0.0} MiB/s, {Median(Blob, m => m.CpuMsPerMiB):0.0} CPU ms/MiB in all"));
        output.WriteLine(string.Create(culture, $"median {Registry}: {registry:0.0} MiB/s, {Median(Registry, m => m.CpuMsPerMiB):0.0} CPU ms/MiB in all"));
        output.WriteLine(string.Create(culture, $"ratio registry / blob client: {registry / blob:0.00} (target >= 0.80: {(registry / blob >= 0.8 ? "met" : "NOT met")})"));
        if (Measurements.Any(m => m.OthersPercent > 10))
        {
            output.WriteLine("warning: other programs used more than 10% of a core during some runs; the MiB/s figures are not to be trusted, the CPU ones less affected.");
        }
    }

    private static double PerMiB(Measurement m, TimeSpan cpu) => cpu.TotalMilliseconds / m.MiB;
}
