using System.Globalization;

namespace Mlops.Bench.RegistryUpload;

/// <summary>The knobs, from environment variables like the other benchmarks'.</summary>
internal sealed record BenchSettings(int UploadMiB, int Runs, int ChunkBytes)
{
    public static BenchSettings FromEnvironment() => new(
        Read("UPLOAD_MB", 256),
        Read("RUNS", 3),
        Read("UPLOAD_CHUNK", 1024 * 1024));

    private static int Read(string name, int fallback)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(value) ? fallback : int.Parse(value, CultureInfo.InvariantCulture);
    }
}
