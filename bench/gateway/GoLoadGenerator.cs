using System.Globalization;
using System.Text.Json;
using Mlops.Testing;

namespace Mlops.Bench.Gateway;

/// <summary>
/// bench/loadgen (grpc-go) sending the same serialized ModelInferRequest from closed-loop callers spread over the
/// connections asked for: a client of another platform, which costs the shared cores differently from ours.
/// </summary>
internal static class GoLoadGenerator
{
    public static async Task<LatencySummary?> RunAsync(Uri gateway, int gatewayProcessId, byte[] request, int clients, int connections, TimeSpan warmUp, TimeSpan window, string method)
    {
        var binary = Path.Combine(RepoPaths.Root, "bench/.build/bin/loadgen");
        if (!File.Exists(binary))
        {
            if (!File.Exists("/usr/bin/go"))
            {
                return null;
            }

            var (buildExit, buildOutput) = await ExternalProcess.RunAsync("bash", [Path.Combine(RepoPaths.Root, "bench/build-go.sh")], TimeSpan.FromMinutes(10));
            if (buildExit != 0)
            {
                throw new InvalidOperationException("bench/build-go.sh failed:\n" + buildOutput);
            }
        }

        var requestFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(requestFile, request);
            var (exitCode, output) = await ExternalProcess.RunAsync(binary,
            [
                "-addr", $"127.0.0.1:{gateway.Port}", "-label", "gateway", "-mode", "unary",
                "-method", "/inference.GRPCInferenceService/" + method, "-request-file", requestFile,
                "-conns", Invariant(connections), "-concurrency", Invariant(clients),
                "-warmup", $"{warmUp.TotalSeconds}s", "-duration", $"{window.TotalSeconds}s", "-server-pid", Invariant(gatewayProcessId),
            ], warmUp + window + TimeSpan.FromMinutes(1));
            var json = output.Split('\n').FirstOrDefault(line => line.StartsWith('{'));
            if (exitCode != 0 || json is null)
            {
                throw new InvalidOperationException("loadgen failed:\n" + output);
            }

            var result = JsonDocument.Parse(json).RootElement;
            double Figure(string name) => result.GetProperty(name).GetDouble();
            return new LatencySummary(
                result.GetProperty("calls").GetInt64(), result.GetProperty("errors").GetInt64(), window,
                Figure("p50_ms"), Figure("p90_ms"), double.NaN, Figure("p99_ms"), Figure("p999_ms"), Figure("max_ms"));
        }
        finally
        {
            File.Delete(requestFile);
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
