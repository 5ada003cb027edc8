using Mlops.Deployment.Application;
using Mlops.Inference;

namespace Mlops.Deployment.Tests.Rules;

/// <summary>
/// The checks' verdicts on answers a gateway could give. The gateway here is a stand-in that answers from a table:
/// these tests are about the verdicts; real inference is the end-to-end test's subject.
/// </summary>
public sealed class PromotionStagingChecksTests
{
    private const string Example = """{"inputs": [{"name": "features", "datatype": "FP32", "shape": [1, 2], "data": [0.5, 1.5]}]}""";
    private static readonly PromotionTensor[] Outputs = [new("probability", "FP32", [-1])];
    private static readonly EndpointInfo Staging = new("stage", "staging", "", 0, new RolloutPlan(RolloutMode.BlueGreen, [], 0), "deployer", DateTimeOffset.UnixEpoch);
    private static readonly PromotionChecks All = new(true, true, true, 20, 4);

    [Fact]
    public async Task A_version_that_answers_its_example_as_its_signature_says_passes_every_check()
    {
        var serving = new TableServing(_ => [InferenceTensor.Create("probability", [1], new[] { 0.9f })]);

        var results = await PromotionStagingChecks.RunAsync(serving, Staging, "d1", Version(Example), All, CancellationToken.None);

        Assert.Equal([("input_example", true), ("signature", true), ("load_test", true)], results.Select(result => (result.Name, result.Passed)));
        Assert.Equal(21, serving.Calls);
        Assert.Contains("over 20 requests, 4 at a time (no limit)", results[2].Detail, StringComparison.Ordinal);
        Assert.All(serving.Requests, request =>
        {
            Assert.Equal("features", request.Inputs[0].Name);
            Assert.Equal([0.5f, 1.5f], request.Inputs[0].GetData<float>());
        });
    }

    [Fact]
    public async Task Outputs_that_differ_from_the_signature_fail_the_signature_check_only()
    {
        var serving = new TableServing(_ => [InferenceTensor.Create("probability", [1], new[] { 0.9 })]);

        var results = await PromotionStagingChecks.RunAsync(serving, Staging, "d1", Version(Example), All, CancellationToken.None);

        Assert.Equal([true, false, true], results.Select(result => result.Passed));
        Assert.Contains("FP64, the signature says FP32", results[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_requests_fail_the_example_and_the_load_test()
    {
        var serving = new TableServing(_ => throw InferenceException.InvalidArgument("input 'features' has 2 elements, the model wants 3"));

        var results = await PromotionStagingChecks.RunAsync(serving, Staging, "d1", Version(Example), All, CancellationToken.None);

        Assert.Equal([false, false, false], results.Select(result => result.Passed));
        Assert.Contains("the model wants 3", results[0].Detail, StringComparison.Ordinal);
        Assert.StartsWith("20 of 20 requests failed", results[2].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("""{"instances": [[1, 2]]}""")]
    [InlineData("not json")]
    public async Task A_version_without_a_usable_input_example_fails_without_a_call(string example)
    {
        var serving = new TableServing(_ => []);

        var results = await PromotionStagingChecks.RunAsync(serving, Staging, "d1", Version(example), All, CancellationToken.None);

        Assert.Equal([false, false, false], results.Select(result => result.Passed));
        Assert.Equal(0, serving.Calls);
    }

    [Fact]
    public async Task Checks_a_route_turns_off_do_not_run()
    {
        var serving = new TableServing(_ => [InferenceTensor.Create("probability", [1], new[] { 0.9f })]);

        var results = await PromotionStagingChecks.RunAsync(serving, Staging, "d1", Version(Example), All with { Signature = false, LoadTest = false }, CancellationToken.None);

        Assert.Equal("input_example", Assert.Single(results).Name);
        Assert.Equal(1, serving.Calls);
    }

    private static PromotionModelVersion Version(string example) => new(1, true, "alice", [new("features", "FP32", [-1, 2])], Outputs, example);

    private sealed class TableServing(Func<InferenceRequest, InferenceTensor[]> answer) : IDeploymentServing
    {
        private int _calls;

        public int Calls => _calls;

        public System.Collections.Concurrent.ConcurrentBag<InferenceRequest> Requests { get; } = [];

        public DeploymentReadiness GetReadiness(string endpoint, string deployment) => new(ServingState.Ready, "");

        public Task<DeploymentReadiness> WaitUntilSettledAsync(string endpoint, string deployment, CancellationToken cancellationToken) =>
            Task.FromResult(new DeploymentReadiness(ServingState.Ready, ""));

        public ModelMetadata GetMetadata(string endpoint, string deployment) => new(deployment, [], []);

        public Task<InferenceResponse> InferAsync(string endpoint, string deployment, InferenceRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            Requests.Add(request);
            return Task.FromResult(new InferenceResponse(deployment, answer(request)));
        }
    }
}
