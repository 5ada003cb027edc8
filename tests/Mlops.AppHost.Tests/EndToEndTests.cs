using System.Text.Json;
using Mlops.Hosting.Testing;
using Mlops.Resources;
using Mlops.Testing;

namespace Mlops.AppHost.Tests;

[Collection(SystemCollection.Name)]
public sealed class EndToEndTests(SystemFixture system)
{
    private const string RegisteredExchange = "mlops.model-version-registered.v1";
    private const string ApprovedExchange = "mlops.model-version-approved.v1";
    private const string AliasChangedExchange = "mlops.model-alias-changed.v1";

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

    [Fact]
    public async Task The_README_walkthrough_takes_a_Python_registration_through_someone_elses_approval_to_production()
    {
        var application = system.Application;
        await using var approved = await EventListener.StartAsync(application.GetConnectionString(ResourceNames.Messaging), ApprovedExchange);
        await using var aliasChanged = await EventListener.StartAsync(application.GetConnectionString(ResourceNames.Messaging), AliasChangedExchange);
        var model = $"fraud-{Guid.NewGuid():N}"[..18];

        using var first = await RunWalkthroughAsync(application, model);
        var run = first.RootElement;
        Assert.True(run.GetProperty("model_created").GetBoolean());
        Assert.Equal(1, run.GetProperty("version").GetInt32());
        Assert.Equal("MODEL_VERSION_STATUS_READY", run.GetProperty("status").GetString());
        Assert.Equal(["group:risk-approvers"], Strings(run.GetProperty("approvers")));
        Assert.Equal(["production"], Strings(run.GetProperty("protected_aliases")));
        Assert.Equal("APPROVAL_STATUS_PENDING_MANUAL_APPROVAL", run.GetProperty("status_at_registration").GetString());
        Assert.Contains("separation of duties", run.GetProperty("self_approval_refused").GetString(), StringComparison.Ordinal);
        Assert.Contains("PENDING_MANUAL_APPROVAL", run.GetProperty("unapproved_production_refused").GetString(), StringComparison.Ordinal);
        Assert.Equal("APPROVAL_STATUS_APPROVED", run.GetProperty("status_after_approval").GetString());
        Assert.Equal("1/1", run.GetProperty("approvals").GetString());
        Assert.Contains("'carol' is not one", run.GetProperty("non_approver_alias_refused").GetString(), StringComparison.Ordinal);
        Assert.Equal($"models:/{model}@production", run.GetProperty("uri").GetString());
        Assert.Equal(1, run.GetProperty("production_resolves_to").GetInt32());
        var sha256 = run.GetProperty("artifact_sha256").GetString();
        Assert.Equal(sha256, run.GetProperty("resolved_sha256").GetString());
        Assert.Equal(["production"], Strings(run.GetProperty("aliases")));

        var approval = (await approved.WaitForAsync(
            message => message.GetProperty("modelName").GetString() == model && message.GetProperty("versionNumber").GetInt32() == 1,
            TimeSpan.FromMinutes(1))).GetProperty("message");
        Assert.Equal("sha256:" + sha256, approval.GetProperty("artifactDigest").GetString());
        Assert.Equal("alice", approval.GetProperty("versionCreatedBy").GetString());
        Assert.Equal(["bob"], approval.GetProperty("approvals").EnumerateArray().Select(given => given.GetProperty("approver").GetString()));
        var promotion = await WaitForProductionAsync(aliasChanged, model, newVersion: 1);
        Assert.Equal(0, promotion.GetProperty("previousVersion").GetInt32());
        Assert.Equal("bob", promotion.GetProperty("changedBy").GetString());
        Assert.Equal("sha256:" + sha256, promotion.GetProperty("artifactDigest").GetString());

        // The README's reader runs it again on the state the AppHost keeps: the policy stays, the next version is
        // approved the same way, and production moves to it.
        using var second = await RunWalkthroughAsync(application, model);
        var rerun = second.RootElement;
        Assert.False(rerun.GetProperty("model_created").GetBoolean());
        Assert.Equal(2, rerun.GetProperty("version").GetInt32());
        Assert.Equal(2, rerun.GetProperty("production_resolves_to").GetInt32());
        var move = await WaitForProductionAsync(aliasChanged, model, newVersion: 2);
        Assert.Equal(1, move.GetProperty("previousVersion").GetInt32());
    }

    private static async Task<JsonDocument> RunWalkthroughAsync(TestingApplication application, string model)
    {
        var grpc = application.GetEndpoint(ResourceNames.Registry, EndpointNames.Grpc);
        var (exitCode, output) = await ExternalProcess.RunAsync(
            "/usr/bin/python3",
            [Path.Combine(RepoPaths.Root, "tests", "interop", "python", "registry_walkthrough.py"), "--target", grpc.Authority, "--model", model],
            TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, $"The walk-through failed ({exitCode}):\n{output}\n--- registry ---\n{string.Join('\n', application.GetLogs(ResourceNames.Registry).TakeLast(60))}");
        return JsonDocument.Parse(output.Split('\n').Single(line => line.StartsWith('{')));
    }

    private static async Task<JsonElement> WaitForProductionAsync(EventListener aliasChanged, string model, int newVersion)
    {
        var envelope = await aliasChanged.WaitForAsync(
            message => message.GetProperty("modelName").GetString() == model
                && message.GetProperty("alias").GetString() == "production"
                && message.GetProperty("newVersion").GetInt32() == newVersion,
            TimeSpan.FromMinutes(1));
        return envelope.GetProperty("message");
    }

    private static List<string?> Strings(JsonElement array) => array.EnumerateArray().Select(item => item.GetString()).ToList();
}
