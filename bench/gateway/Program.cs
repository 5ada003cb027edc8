using System.Globalization;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Mlops.Bench;
using Mlops.Bench.Gateway;
using Mlops.Grpc.Client;
using Mlops.Inference;
using Mlops.Inference.Grpc;
using Mlops.Inference.Grpc.V2;
using Mlops.Inference.Runtimes;
using Mlops.Testing;

// Usage: dotnet run -c Release --project bench/gateway [-- --seconds 10 --clients 16 --trees 100 --skip-xgboost]
const string Endpoint = "bench-fraud";
const int Features = 20;
var window = TimeSpan.FromSeconds(double.Parse(Argument("--seconds", "10"), CultureInfo.InvariantCulture));
var clients = int.Parse(Argument("--clients", "16"), CultureInfo.InvariantCulture);
var trees = Argument("--trees", "100");
var warmUp = TimeSpan.FromSeconds(3);

var folder = Directory.CreateTempSubdirectory("mlops-bench-gateway-").FullName;
try
{
    Console.WriteLine($"gateway benchmark: XGBoost binary:logistic, {trees} trees of depth 6, {Features} features; {Environment.ProcessorCount} cores, load average {LoadAverage()}");
    await RunPythonAsync("tests/interop/python/runtime_reference.py", "xgboost", "--objective", "binary:logistic", "--trees", trees, "--depth", "6",
        "--features", Features.ToString(CultureInfo.InvariantCulture), "--train-rows", "20000", "--test-rows", "1000", "--missing", "0.05", "--seed", "7", "--out", folder);
    var artifact = await File.ReadAllBytesAsync(Path.Combine(folder, "model.json"));
    var rows = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(folder, "rows.f32"))).ToArray();
    var expected = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(folder, "expected.f32"))).ToArray();

    await using var system = await SystemUnderTest.StartAsync();
    await new ControlPlane(system.Registry, system.Deployment).DeployAsync("bench-fraud-model", artifact, Endpoint, "blue");
    var gateway = new InferenceCalls(system.Deployment, Endpoint);
    await gateway.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
    var request = await gateway.SingleRowRequestAsync(rows.AsSpan(0, Features).ToArray());
    var answer = await gateway.InferAsync(request);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the gateway answers {answer:R} for the first held-out row; XGBoost gave {expected[0]:R}"));
    if (Math.Abs(answer - expected[0]) > 1e-6)
    {
        throw new InvalidOperationException("The gateway's answer differs from XGBoost's: the figures below would not be of the model under test.");
    }

    // In process: the same row through the same runtime, no protocol and no network.
    var model = ModelLoader.LoadFile(Path.Combine(folder, "model.json"));
    var output = new float[1];
    var inProcess = await ClosedLoop.RunAsync(1, warmUp, window, (_, _) =>
    {
        model.Predict(rows.AsSpan(0, Features), 1, output);
        return Task.CompletedTask;
    });
    Console.WriteLine($"in process, 1 caller:      {inProcess}");

    var oneClient = await ClosedLoop.RunAsync(1, warmUp, window, (_, _) => gateway.CallAsync(request));
    Console.WriteLine($"gateway, 1 .NET client:    {oneClient}");
    var oneGoClient = await GoLoadGenerator.RunAsync(system.GatewayAddress, system.GatewayProcessId, request.ToByteArray(), 1, connections: 1, warmUp, window, "ModelInfer");
    Console.WriteLine(oneGoClient is null ? string.Empty : $"gateway, 1 grpc-go client: {oneGoClient}");

    // gRPC clients usually share one channel (one HTTP/2 connection) between concurrent calls; separate processes or
    // hosts each open their own. Both layouts are measured, with our client and with grpc-go.
    var sharedChannel = await ClosedLoop.RunAsync(clients, warmUp, window, (_, _) => gateway.CallAsync(request));
    Console.WriteLine($"gateway, {clients} .NET callers, 1 connection:   {sharedChannel}");
    var channels = Enumerable.Range(0, clients).Select(_ => GrpcChannel.ForAddress(system.GatewayAddress)).ToList();
    var ownChannels = await ClosedLoop.RunAsync(clients, warmUp, window, (caller, _) => InferenceCalls.CallAsync(channels[caller], request));
    Console.WriteLine($"gateway, {clients} .NET callers, {clients} connections: {ownChannels}");
    channels.ForEach(channel => channel.Dispose());

    var goShared = await GoLoadGenerator.RunAsync(system.GatewayAddress, system.GatewayProcessId, request.ToByteArray(), clients, connections: 1, warmUp, window, "ModelInfer");
    var goOwn = await GoLoadGenerator.RunAsync(system.GatewayAddress, system.GatewayProcessId, request.ToByteArray(), clients, connections: clients, warmUp, window, "ModelInfer");
    Console.WriteLine(goShared is null ? "grpc-go load generator: unavailable (bench/run.sh installs Go once)" : $"gateway, {clients} grpc-go callers, 1 connection:   {goShared}");
    Console.WriteLine(goOwn is null ? string.Empty : $"gateway, {clients} grpc-go callers, {clients} connections: {goOwn}");

    // The ceiling the transport sets: the protocol's cheapest call (ServerLive), no model, on the same server.
    var liveRequest = new ServerLiveRequest().ToByteArray();
    var liveShared = await GoLoadGenerator.RunAsync(system.GatewayAddress, system.GatewayProcessId, liveRequest, clients, connections: 1, warmUp, window, "ServerLive");
    var liveOwn = await GoLoadGenerator.RunAsync(system.GatewayAddress, system.GatewayProcessId, liveRequest, clients, connections: clients, warmUp, window, "ServerLive");
    if (liveShared is not null && liveOwn is not null)
    {
        Console.WriteLine($"ServerLive (no model), {clients} grpc-go callers, 1 connection:   {liveShared}");
        Console.WriteLine($"ServerLive (no model), {clients} grpc-go callers, {clients} connections: {liveOwn}");
    }

    var layouts = new (string Name, LatencySummary? Figures)[]
    {
        (".NET, 1 connection", sharedChannel), ($".NET, {clients} connections", ownChannels), ("grpc-go, 1 connection", goShared), ($"grpc-go, {clients} connections", goOwn),
    };
    Console.WriteLine();
    Console.WriteLine("| figure | measured | target | met |");
    Console.WriteLine("| --- | --- | --- | --- |");
    foreach (var (name, figures) in new[] { (".NET", oneClient), ("grpc-go", oneGoClient) }.Where(client => client.Item2 is not null))
    {
        // The client's own time is in the figure too: a lighter client shows more exactly what the gateway adds.
        var overheadP99 = figures!.P99Ms - inProcess.P99Ms;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| gateway overhead over the runtime in process, p99 (1 {name} client: {figures.P99Ms:F3} ms − {inProcess.P99Ms:F4} ms; p50 {figures.P50Ms - inProcess.P50Ms:F3} ms) | {overheadP99:F3} ms | < 1 ms | {(overheadP99 < 1 ? "yes" : "no")} |"));
    }

    foreach (var (name, figures) in layouts.Where(layout => layout.Figures is not null))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {clients} concurrent gRPC clients ({name}), {trees}-tree model, p99 {figures!.P99Ms:F2} ms | {figures.CallsPerSecond:N0} inferences/s | ≥ 20,000/s | {(figures.CallsPerSecond >= 20_000 ? "yes" : "no")} |"));
    }

    Console.WriteLine($"load average after the gateway figures: {LoadAverage()} ({Environment.ProcessorCount} cores)");
}
finally
{
    Directory.Delete(folder, recursive: true);
}

if (!args.Contains("--skip-xgboost"))
{
    // The runtime against XGBoost itself, after the services are stopped so that they do not share the cores.
    Console.WriteLine();
    var (exitCode, output) = await ExternalProcess.RunAsync("dotnet", [ServiceProcesses.Assembly("bench/xgboost", "Mlops.Bench.XGBoost"), "--trees", trees], TimeSpan.FromMinutes(10));
    Console.WriteLine(output);
    return exitCode;
}

return 0;

static async Task RunPythonAsync(string script, params string[] arguments)
{
    var (exitCode, output) = await ExternalProcess.RunAsync("/usr/bin/python3", [Path.Combine(RepoPaths.Root, script), .. arguments], TimeSpan.FromMinutes(5));
    if (exitCode != 0)
    {
        throw new InvalidOperationException($"{script} failed:\n{output}");
    }
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

string Argument(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}
