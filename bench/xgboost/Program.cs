using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Mlops.Bench.XGBoost;
using Mlops.Inference.Runtimes;
using Mlops.Testing;

// Usage: dotnet bench/xgboost/bin/Release/net10.0/Mlops.Bench.XGBoost.dll
//            [--trees 100 --features 20 --depth 6 --batch 10000 --seconds 3 --objective binary:logistic]
var trees = Argument("--trees", "100");
var features = int.Parse(Argument("--features", "20"), CultureInfo.InvariantCulture);
var depth = Argument("--depth", "6");
var batchSize = int.Parse(Argument("--batch", "10000"), CultureInfo.InvariantCulture);
var window = TimeSpan.FromSeconds(double.Parse(Argument("--seconds", "3"), CultureInfo.InvariantCulture));
var objective = Argument("--objective", "binary:logistic");
var warmUp = TimeSpan.FromSeconds(1);

var folder = Directory.CreateTempSubdirectory("mlops-bench-xgboost-").FullName;
try
{
    Console.WriteLine($"XGBoost runtime benchmark: {objective}, {trees} trees of depth {depth}, {features} features, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
    var (trainExit, trainOutput) = await ExternalProcess.RunAsync(
        "/usr/bin/python3",
        [Path.Combine(RepoPaths.Root, "tests/interop/python/runtime_reference.py"), "xgboost", "--objective", objective, "--trees", trees, "--depth", depth,
         "--features", features.ToString(CultureInfo.InvariantCulture), "--train-rows", "20000", "--test-rows", "10000", "--missing", "0.05", "--seed", "7", "--out", folder],
        TimeSpan.FromMinutes(5));
    if (trainExit != 0)
    {
        throw new InvalidOperationException("training failed:\n" + trainOutput);
    }

    var model = ModelLoader.LoadFile(Path.Combine(folder, "model.json"));
    var rows = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(folder, "rows.f32"))).ToArray();
    var expected = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(folder, "expected.f32"))).ToArray();
    var check = new float[expected.Length];
    model.Predict(rows, rows.Length / features, check);
    var worst = Enumerable.Range(0, check.Length).Max(i => Math.Abs(check[i] - expected[i]) / Math.Max(1, Math.Abs(expected[i])));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model: {Path.Combine(folder, "model.json")}; {rows.Length / features:N0} held-out rows, largest difference from XGBoost's predictions {worst:E1}"));

    // The batch repeats the held-out rows as often as it takes, as xgboost_timing.py does (np.resize).
    var batch = new float[batchSize * features];
    for (var i = 0; i < batch.Length; i++)
    {
        batch[i] = rows[i % rows.Length];
    }

    var ourSingle = Timings.SingleRow(model, rows, warmUp, window);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ours, single row: p50 {ourSingle.P50Ms * 1000:F2} µs, p99 {ourSingle.P99Ms * 1000:F2} µs, {ourSingle.CallsPerSecond:N0} calls/s"));
    var ourBatch = Timings.Batch(model, batch, 1, warmUp, window);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ours, {batchSize:N0}-row batches, 1 thread: {ourBatch.RowsPerSecond:N0} rows/s ({ourBatch.MsPerBatch:F2} ms a batch)"));
    var ourBatchAll = Timings.Batch(model, batch, Environment.ProcessorCount, warmUp, window);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ours, {batchSize:N0}-row batches, {Environment.ProcessorCount} threads: {ourBatchAll.RowsPerSecond:N0} rows/s ({ourBatchAll.MsPerBatch:F2} ms a batch)"));

    var (timingExit, timingOutput) = await ExternalProcess.RunAsync(
        "/usr/bin/python3",
        [Path.Combine(RepoPaths.Root, "bench/xgboost/xgboost_timing.py"), "--model", Path.Combine(folder, "model.json"), "--rows", Path.Combine(folder, "rows.f32"),
         "--features", features.ToString(CultureInfo.InvariantCulture), "--batch", batchSize.ToString(CultureInfo.InvariantCulture),
         "--seconds", window.TotalSeconds.ToString(CultureInfo.InvariantCulture)],
        TimeSpan.FromMinutes(5));
    var jsonLine = timingOutput.Split('\n').FirstOrDefault(line => line.StartsWith('{'));
    if (timingExit != 0 || jsonLine is null)
    {
        throw new InvalidOperationException("xgboost_timing.py failed:\n" + timingOutput);
    }

    var python = JsonDocument.Parse(jsonLine).RootElement;
    double Figure(string measurement, string name) => python.GetProperty(measurement).GetProperty(name).GetDouble();

    Console.WriteLine();
    Console.WriteLine($"| figure | ours (.NET) | XGBoost {python.GetProperty("xgboost").GetString()} (Python) | speed-up, ours over XGBoost |");
    Console.WriteLine("| --- | --- | --- | --- |");
    LatencyLine("single row p50, inplace_predict", ourSingle.P50Ms, Figure("single_inplace", "p50_ms"));
    LatencyLine("single row p99, inplace_predict", ourSingle.P99Ms, Figure("single_inplace", "p99_ms"));
    LatencyLine("single row p50, DMatrix + predict", ourSingle.P50Ms, Figure("single_dmatrix", "p50_ms"));
    LatencyLine("single row p99, DMatrix + predict", ourSingle.P99Ms, Figure("single_dmatrix", "p99_ms"));
    ThroughputLine($"{batchSize:N0}-row batches, 1 thread, inplace_predict", ourBatch.RowsPerSecond, Figure("batch_inplace", "rows_per_s"));
    ThroughputLine($"{batchSize:N0}-row batches, 1 thread, DMatrix + predict", ourBatch.RowsPerSecond, Figure("batch_dmatrix", "rows_per_s"));
    ThroughputLine($"{batchSize:N0}-row batches, {Environment.ProcessorCount} threads, inplace_predict", ourBatchAll.RowsPerSecond, Figure("batch_inplace_all_cores", "rows_per_s"));
    Console.WriteLine();
    Console.WriteLine($"load average at the end: {LoadAverage()} ({Environment.ProcessorCount} cores; above that, others shared the machine and the figures are not to be trusted)");
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static void LatencyLine(string figure, double oursMs, double xgboostMs) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {figure} | {oursMs * 1000:F2} µs | {xgboostMs * 1000:F2} µs | {xgboostMs / oursMs:F2}x |"));

static void ThroughputLine(string figure, double ours, double xgboost) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {figure} | {ours:N0} rows/s | {xgboost:N0} rows/s | {ours / xgboost:F2}x |"));

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

string Argument(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}
