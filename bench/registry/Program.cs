using System.Diagnostics;
using System.Globalization;
using Mlops.Bench;
using Mlops.Bench.Registry;

// Usage: dotnet run -c Release --project bench/registry [-- --models 1000 --versions 100 --seconds 10]
var models = Argument("--models", 1000);
var versionsPerModel = Argument("--versions", 100);
var window = TimeSpan.FromSeconds(Argument("--seconds", 10));
var warmUp = TimeSpan.FromSeconds(3);
var callers = Argument("--callers", 16);

Console.WriteLine($"registry benchmark: {models * versionsPerModel:N0} versions ({models} models x {versionsPerModel}), {Environment.ProcessorCount} cores");
await using var registry = await RegistryUnderTest.StartAsync();
var seeding = await Seeder.SeedAsync(registry.DatabaseConnectionString, models, versionsPerModel);
Console.WriteLine($"seeded in {seeding.TotalSeconds:F1} s");
var names = await Seeder.ModelNamesAsync(registry.DatabaseConnectionString);
var calls = new RegistryCalls(registry.Channel);

var total = models * versionsPerModel;
Task ReadVersion(long index) => calls.GetModelVersionAsync(names[(int)(index % models)], 1 + (int)(index / models));

// First every version once, in a shuffled order: each read misses the cache and goes to PostgreSQL.
var order = Enumerable.Range(0, total).ToArray();
new Random(42).Shuffle(order);
var cold = await ClosedLoop.RunEachOnceAsync(callers, total, index => ReadVersion(order[index]));
Console.WriteLine($"GetModelVersion, each of the {total:N0} versions once (cache misses: PostgreSQL), {callers} callers: {cold}");

// Then reads spread over the whole table again, as a registry that has been serving for a while sees them.
var get = await ClosedLoop.RunAsync(callers, warmUp, window, (caller, iteration) =>
    ReadVersion((caller * 7919L + iteration * 104729L) % total));
Console.WriteLine($"GetModelVersion over all {total:N0} versions, cache warm, {callers} callers: {get}");
Console.WriteLine($"registry resident memory with every version cached: {Process.GetProcessById(registry.ProcessId).WorkingSet64 / (1024 * 1024)} MiB");

// The example filter; run by one caller, so its latency is the search's own, not a queue's.
const string Filter = "name LIKE 'fraud%' AND tags.team = 'risk' AND metrics.auc > 0.9";
var firstPage = await calls.SearchModelVersionsAsync(Filter);
var search = await ClosedLoop.RunAsync(1, warmUp, window, (_, _) => calls.SearchModelVersionsAsync(Filter));
Console.WriteLine($"SearchModelVersions \"{Filter}\" ({firstPage.ModelVersions.Count} on the first page), 1 caller: {search}");
var nextPages = await ClosedLoop.RunAsync(1, TimeSpan.Zero, window, (_, _) => calls.SearchModelVersionsAsync(Filter, firstPage.NextPageToken));
Console.WriteLine($"SearchModelVersions second page, 1 caller: {nextPages}");

var results = new List<(string Figure, string Target, bool Met)>
{
    ("GetModelVersion calls/s (16 callers, cache warm)", ">= 10,000", get.CallsPerSecond >= 10_000),
    ("GetModelVersion p99", "< 5 ms", get.P99Ms < 5),
    ("SearchModelVersions p95", "< 50 ms", search.P95Ms < 50),
};
Console.WriteLine();
Console.WriteLine("| figure | measured | target | met |");
Console.WriteLine("| --- | --- | --- | --- |");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| GetModelVersion calls/s (16 callers, cache warm) | {get.CallsPerSecond:F0} | >= 10,000 | {Met(results[0].Met)} |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| GetModelVersion p99 (cache warm) | {get.P99Ms:F2} ms | < 5 ms | {Met(results[1].Met)} |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| SearchModelVersions p95 (filtered, 1 caller) | {search.P95Ms:F2} ms | < 50 ms | {Met(results[2].Met)} |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| GetModelVersion calls/s, p99 (16 callers, every read a cache miss) | {cold.CallsPerSecond:F0}, {cold.P99Ms:F2} ms | (none) | |"));
Console.WriteLine("| artifact upload vs blob client | see bench/registry-upload | >= 80% | |");

static string Met(bool met) => met ? "yes" : "NO";

int Argument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
