using System.Runtime.InteropServices;
using System.Text.Json;
using Mlops.Testing;

namespace Mlops.Deployment.Tests.Gateway;

/// <summary>A model trained at test time by tests/interop/python/runtime_reference.py: its file, held-out rows and the library's own predictions.</summary>
public sealed record TrainedModel(byte[] Artifact, float[] Rows, double[] Expected, int RowCount, int FeatureCount, int ValuesPerRow)
{
    public static async Task<TrainedModel> TrainAsync(string folder, params string[] arguments)
    {
        var script = Path.Combine(RepoPaths.Root, "tests/interop/python/runtime_reference.py");
        var (exitCode, output) = await ExternalProcess.RunAsync("/usr/bin/python3", [script, .. arguments, "--out", folder], TimeSpan.FromMinutes(3));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"runtime_reference.py {string.Join(' ', arguments)} exited with {exitCode}:\n{output}");
        }

        using var meta = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, "meta.json")));
        var root = meta.RootElement;
        var rows = MemoryMarshal.Cast<byte, float>(await File.ReadAllBytesAsync(Path.Combine(folder, "rows.f32"))).ToArray();
        var expected = File.Exists(Path.Combine(folder, "expected.f32"))
            ? [.. MemoryMarshal.Cast<byte, float>(await File.ReadAllBytesAsync(Path.Combine(folder, "expected.f32"))).ToArray().Select(v => (double)v)]
            : MemoryMarshal.Cast<byte, double>(await File.ReadAllBytesAsync(Path.Combine(folder, "expected.f64"))).ToArray();
        return new TrainedModel(
            await File.ReadAllBytesAsync(Path.Combine(folder, "model.json")), rows, expected, root.GetProperty("rows").GetInt32(), root.GetProperty("features").GetInt32(),
            root.GetProperty("values_per_row").GetInt32());
    }

    /// <summary>The index of the <paramref name="n"/>-th row without a missing value (JSON has no NaN).</summary>
    public int CompleteRow(int n = 0) =>
        Enumerable.Range(0, RowCount).Where(row => !Row(row).Any(float.IsNaN)).Skip(n).First();

    public float[] Row(int row) => Rows.AsSpan(row * FeatureCount, FeatureCount).ToArray();

    /// <summary>Each prediction within 1e-6 of the reference: absolute, or relative beyond magnitude 1.</summary>
    public void AssertMatches(IReadOnlyList<double> predictions, int firstRow = 0)
    {
        Assert.True(predictions.Count > 0);
        for (var i = 0; i < predictions.Count; i++)
        {
            var expected = Expected[(firstRow * ValuesPerRow) + i];
            var error = Math.Abs(predictions[i] - expected) / Math.Max(1, Math.Abs(expected));
            Assert.True(error <= 1e-6, $"value {i}: predicted {predictions[i]:R}, reference {expected:R}");
        }
    }
}
