using Mlops.Testing;

namespace Mlops.ServiceDefaults.Tests;

/// <summary>
/// Two services on ServiceDefaults as separate processes — "alpha" calls "beta" — wired the
/// Aspire way (services__next__grpc__0, OTEL_*), exporting to one collector.
/// </summary>
public sealed class TwoServicesFixture : IAsyncLifetime
{
    public OtlpCollector Collector { get; private set; } = null!;

    public ChildProcess Alpha { get; private set; } = null!;

    public ChildProcess Beta { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Collector = await OtlpCollector.StartAsync();
        Beta = await StartServiceAsync("beta", next: null);
        Alpha = await StartServiceAsync("alpha", next: Beta.Port);
    }

    public async Task DisposeAsync()
    {
        await Alpha.DisposeAsync();
        await Beta.DisposeAsync();
        await Collector.DisposeAsync();
    }

    private async Task<ChildProcess> StartServiceAsync(string name, int? next)
    {
        var environment = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Collector.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_SERVICE_NAME"] = name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = "deployment.environment=test,service.namespace=mlops",
            // Export within a fraction of a second instead of the 5 s / 60 s defaults.
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        };
        if (next is { } port)
        {
            environment["services__next__grpc__0"] = $"http://127.0.0.1:{port}";
        }

        return await ChildProcess.StartAsync("dotnet", [TestHostPath()], environment);
    }

    private static string TestHostPath()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(RepoPaths.Root, "tests/Mlops.ServiceDefaults.TestHost/bin", configuration, "net10.0/Mlops.ServiceDefaults.TestHost.dll");
    }
}
