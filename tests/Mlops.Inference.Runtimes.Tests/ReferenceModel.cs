using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Mlops.Testing;

namespace Mlops.Inference.Runtimes.Tests;

/// <summary>
/// A model trained at test time by tests/interop/python/runtime_reference.py, with held-out rows and the
/// predictions the training library itself made for them.
/// </summary>
public sealed class ReferenceModel
{
    private ReferenceModel(string folder, JsonElement meta, float[] rows, double[] expected)
    {
        Folder = folder;
        Meta = meta;
        Rows = rows;
        Expected = expected;
    }

    public string Folder { get; }

    public string ModelPath => Path.Combine(Folder, "model.json");

    /// <summary>meta.json: rows, features, values_per_row and what the rows exercise.</summary>
    public JsonElement Meta { get; }

    public float[] Rows { get; }

    /// <summary>The reference predictions, row-major (xgboost's float32 values widened, or scikit-learn's float64).</summary>
    public double[] Expected { get; }

    public int RowCount => Meta.GetProperty("rows").GetInt32();

    public int FeatureCount => Meta.GetProperty("features").GetInt32();

    public int ValuesPerRow => Meta.GetProperty("values_per_row").GetInt32();

    public int MetaInt(string name) => Meta.GetProperty(name).GetInt32();

    /// <summary>Runs the script with <paramref name="arguments"/> (after the command) writing into <paramref name="folder"/>.</summary>
    public static async Task<ReferenceModel> TrainAsync(string folder, params string[] arguments)
    {
        var script = Path.Combine(RepoPaths.Root, "tests/interop/python/runtime_reference.py");
        var (exitCode, output) = await ExternalProcess.RunAsync("/usr/bin/python3", [script, .. arguments, "--out", folder], TimeSpan.FromMinutes(3));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"runtime_reference.py {string.Join(' ', arguments)} exited with {exitCode}:\n{output}");
        }

        var meta = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, "meta.json"))).RootElement;
        var rows = MemoryMarshal.Cast<byte, float>(await File.ReadAllBytesAsync(Path.Combine(folder, "rows.f32"))).ToArray();
        var expected = File.Exists(Path.Combine(folder, "expected.f32"))
            ? [.. MemoryMarshal.Cast<byte, float>(await File.ReadAllBytesAsync(Path.Combine(folder, "expected.f32"))).ToArray().Select(v => (double)v)]
            : MemoryMarshal.Cast<byte, double>(await File.ReadAllBytesAsync(Path.Combine(folder, "expected.f64"))).ToArray();
        return new ReferenceModel(folder, meta, rows, expected);
    }

    /// <summary>Asserts each prediction within 1e-6 of the reference: absolute, or relative beyond magnitude 1.</summary>
    public void AssertMatches(ReadOnlySpan<float> predictions)
    {
        Assert.Equal(Expected.Length, predictions.Length);
        var worst = 0d;
        var worstIndex = -1;
        for (var i = 0; i < Expected.Length; i++)
        {
            var error = Math.Abs(predictions[i] - Expected[i]) / Math.Max(1, Math.Abs(Expected[i]));
            if (!(error <= worst))
            {
                (worst, worstIndex) = (error, i);
            }
        }

        Assert.True(
            worst <= 1e-6,
            string.Create(CultureInfo.InvariantCulture, $"row {worstIndex / ValuesPerRow}, value {worstIndex % ValuesPerRow}: predicted {predictions[Math.Max(worstIndex, 0)]:R}, reference {Expected[Math.Max(worstIndex, 0)]:R} (error {worst:E2})"));
    }
}
