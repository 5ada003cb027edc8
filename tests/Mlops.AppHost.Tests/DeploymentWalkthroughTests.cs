using System.Text.Json;
using Mlops.Hosting.Testing;
using Mlops.Resources;
using Mlops.Testing;

namespace Mlops.AppHost.Tests;

[Collection(SystemCollection.Name)]
public sealed class DeploymentWalkthroughTests(SystemFixture system)
{
    [Fact]
    public async Task The_README_deployment_walkthrough_takes_an_approved_version_through_staging_and_its_gate_to_a_production_endpoint_a_Python_OIP_client_calls()
    {
        var application = system.Application;
        var model = $"fraud-{Guid.NewGuid():N}"[..16];

        using var first = await RunWalkthroughAsync(application, model);
        var run = first.RootElement;
        Assert.Equal(1, run.GetProperty("version").GetInt32());
        Assert.Equal("model-version-approved", run.GetProperty("trigger").GetString());
        Assert.Equal("alice", run.GetProperty("requested_by").GetString());
        Assert.Equal("PROMOTION_STATE_SUCCEEDED", run.GetProperty("state").GetString());
        var checks = run.GetProperty("checks").EnumerateObject().ToDictionary(check => check.Name, check => check.Value.GetString());
        Assert.Equal(
            new Dictionary<string, string?> { ["input_example"] = "CHECK_PASSED", ["signature"] = "CHECK_PASSED", ["load_test"] = "CHECK_PASSED" },
            checks);
        Assert.Contains("alice", run.GetProperty("requester_refused").GetString(), StringComparison.Ordinal);
        Assert.Contains("PROMOTION_STEP_APPROVAL APPROVED dave", Strings(run.GetProperty("history")));
        var firstProduction = run.GetProperty("production_deployment").GetString();
        AssertCanary(run, firstProduction);
        Assert.Equal("probability", run.GetProperty("grpc_output").GetString());
        Assert.InRange(run.GetProperty("grpc_max_difference").GetDouble(), 0, 1e-6);
        Assert.InRange(run.GetProperty("rest_max_difference").GetDouble(), 0, 1e-6);

        // Run again, as the README's reader may: the next version replaces the first by canary.
        using var second = await RunWalkthroughAsync(application, model);
        var rerun = second.RootElement;
        Assert.Equal(2, rerun.GetProperty("version").GetInt32());
        Assert.Equal("PROMOTION_STATE_SUCCEEDED", rerun.GetProperty("state").GetString());
        Assert.NotEqual(firstProduction, rerun.GetProperty("production_deployment").GetString());
        AssertCanary(rerun, rerun.GetProperty("production_deployment").GetString());
    }

    private static void AssertCanary(JsonElement run, string? production)
    {
        // The poll may miss a short step, but what it saw rises through the canary's steps and ends at 100.
        var splits = run.GetProperty("canary_splits").EnumerateArray().Select(share => share.GetInt32()).ToList();
        Assert.Equal(100, splits[^1]);
        Assert.All(splits, share => Assert.Contains(share, new[] { 10, 50, 100 }));
        Assert.Equal(splits.Order().Distinct(), splits);
        Assert.Equal(production, Assert.Single(run.GetProperty("final_split").EnumerateObject()).Name);
    }

    private static async Task<JsonDocument> RunWalkthroughAsync(TestingApplication application, string model)
    {
        var registry = application.GetEndpoint(ResourceNames.Registry, EndpointNames.Grpc);
        var deployment = application.GetEndpoint(ResourceNames.Deployment, EndpointNames.Grpc);
        var rest = application.GetEndpoint(ResourceNames.Deployment, EndpointNames.Http);
        var (exitCode, output) = await ExternalProcess.RunAsync(
            "/usr/bin/python3",
            [
                Path.Combine(RepoPaths.Root, "tests", "interop", "python", "deployment_walkthrough.py"),
                "--registry", registry.Authority, "--deployment", deployment.Authority, "--rest", rest.ToString(), "--model", model, "--bake-seconds", "1",
            ],
            TimeSpan.FromMinutes(4));

        Assert.True(
            exitCode == 0,
            $"The walk-through failed ({exitCode}):\n{output}\n--- deployment ---\n{string.Join('\n', application.GetLogs(ResourceNames.Deployment).TakeLast(80))}");
        return JsonDocument.Parse(output.Split('\n').Single(line => line.StartsWith('{')));
    }

    private static List<string?> Strings(JsonElement array) => array.EnumerateArray().Select(item => item.GetString()).ToList();
}
