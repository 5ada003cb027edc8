using System.Text.Json;
using Mlops.Resources;
using Mlops.Testing;

namespace Mlops.AppHost.Tests;

[Collection(SystemCollection.Name)]
public sealed class EndToEndTests(SystemFixture system)
{
    private const string RegisteredExchange = "mlops.model-version-registered.v1";

    [Fact]
    public async Task A_Python_client_registers_a_50_MB_model_version_downloads_it_intact_and_a_consumer_gets_the_event()
    {
        var application = system.Application;
        await using var listener = await EventListener.StartAsync(application.GetConnectionString(ResourceNames.Messaging), RegisteredExchange);
        var model = $"churn-{Guid.NewGuid():N}"[..18];
        var grpc = application.GetEndpoint(ResourceNames.Registry, EndpointNames.Grpc);

        var (exitCode, output) = await ExternalProcess.RunAsync(
            "/usr/bin/python3",
            [Path.Combine(RepoPaths.Root, "tests", "interop", "python", "registry_client.py"), "--target", grpc.Authority, "--model", model, "--size-mb", "50"],
            TimeSpan.FromMinutes(5));

        Assert.True(exitCode == 0, $"The Python client failed ({exitCode}):\n{output}\n--- registry ---\n{string.Join('\n', application.GetLogs(ResourceNames.Registry).TakeLast(60))}");
        using var result = JsonDocument.Parse(output.Split('\n').Single(line => line.StartsWith('{')));
        var root = result.RootElement;
        Assert.Equal(50 * 1024 * 1024, root.GetProperty("size").GetInt64());
        Assert.Equal(root.GetProperty("sha256").GetString(), root.GetProperty("downloaded_sha256").GetString());
        Assert.InRange(root.GetProperty("largest_chunk").GetInt32(), 1, 1024 * 1024);
        Assert.Contains("sha256", root.GetProperty("wrong_digest_error").GetString(), StringComparison.OrdinalIgnoreCase);
        var version = root.GetProperty("version").GetInt32();

        var envelope = await listener.WaitForAsync(
            message => message.GetProperty("modelName").GetString() == model && message.GetProperty("versionNumber").GetInt32() == version,
            TimeSpan.FromMinutes(1));
        var registered = envelope.GetProperty("message");
        Assert.Equal(root.GetProperty("sha256").GetString(), registered.GetProperty("artifactDigest").GetString()?.Replace("sha256:", "", StringComparison.Ordinal));
        Assert.Equal(50L * 1024 * 1024, registered.GetProperty("artifactSizeBytes").GetInt64());
        Assert.Equal(ResourceNames.Registry, registered.GetProperty("source").GetString());

        // The refused upload registered nothing: this model's only event is the one version. Its header had reserved
        // number 1, and numbers are never given twice, so the version is 2.
        Assert.Equal(2, version);
        Assert.DoesNotContain(listener.Drain(), other => other.GetProperty("message").GetProperty("modelName").GetString() == model);
    }
}
