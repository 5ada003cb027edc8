using Mlops.Inference.Tests.Infrastructure;

namespace Mlops.Inference.Tests.Unit;

public sealed class InferenceDispatcherTests
{
    private readonly TestModelHost _host = new();

    private InferenceDispatcher Dispatcher => new(_host);

    [Fact]
    public async Task Infer_runs_the_model_and_answers_with_the_id_the_version_and_every_output()
    {
        var response = await Dispatcher.InferAsync(AddRequest() with { Id = "req-7" }, default);
        Assert.Equal("add", response.ModelName);
        Assert.Equal("1", response.ModelVersion);
        Assert.Equal("req-7", response.Id);
        Assert.Equal(["sum", "difference"], response.Outputs.Select(o => o.Name));
        Assert.Equal([11f, 22f, 33f, 44f], response.Outputs[0].GetData<float>());
        Assert.Equal([-9f, -18f, -27f, -36f], response.Outputs[1].GetData<float>());
        Assert.Equal([2L, 2L], response.Outputs[0].Shape);
    }

    [Fact]
    public async Task A_request_without_an_id_gets_the_hosts_and_one_with_an_id_keeps_its_own()
    {
        _host.ResponseId = "generated-1";

        var anonymous = await Dispatcher.InferAsync(AddRequest(), default);
        var named = await Dispatcher.InferAsync(AddRequest() with { Id = "req-8" }, default);

        Assert.Equal(("generated-1", "req-8"), (anonymous.Id, named.Id));
    }

    [Fact]
    public async Task Only_the_requested_outputs_come_back_in_the_order_asked()
    {
        var response = await Dispatcher.InferAsync(AddRequest() with { Outputs = [new("difference")] }, default);
        Assert.Equal(["difference"], response.Outputs.Select(o => o.Name));
    }

    [Theory]
    [InlineData("nope", null)]
    [InlineData("add", "9")]
    [InlineData("Add", null)]
    public async Task An_unknown_model_or_version_is_not_found(string name, string? version)
    {
        var error = await Assert.ThrowsAsync<InferenceException>(() => Dispatcher.InferAsync(AddRequest() with { ModelName = name, ModelVersion = version }, default));
        Assert.Equal(InferenceErrorCode.NotFound, error.Code);
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
        Assert.Empty(_host.Received);
    }

    [Fact]
    public async Task A_model_that_is_not_ready_is_unavailable()
    {
        var request = new InferenceRequest("warming", null, [InferenceTensor.Create("x", [1], new[] { 1f })]);
        var error = await Assert.ThrowsAsync<InferenceException>(() => Dispatcher.InferAsync(request, default));
        Assert.Equal(InferenceErrorCode.Unavailable, error.Code);
        Assert.Equal("Model 'warming' is not ready.", error.Message);
        Assert.Empty(_host.Received);
    }

    [Fact]
    public async Task An_invalid_request_never_reaches_the_host()
    {
        var request = new InferenceRequest("add", null, [InferenceTensor.Create("a", [1, 2], new[] { 1f, 2f })]);
        var error = await Assert.ThrowsAsync<InferenceException>(() => Dispatcher.InferAsync(request, default));
        Assert.Equal(InferenceErrorCode.InvalidArgument, error.Code);
        Assert.Empty(_host.Received);
    }

    [Fact]
    public async Task An_empty_version_means_the_hosts_choice()
    {
        var model = await Dispatcher.GetModelAsync("add", "", default);
        Assert.Equal("1", model.Version);
    }

    private static InferenceRequest AddRequest() => new(
        "add",
        null,
        [
            InferenceTensor.Create("a", [2, 2], new[] { 1f, 2f, 3f, 4f }),
            InferenceTensor.Create("b", [2, 2], new[] { 10f, 20f, 30f, 40f }),
        ]);
}
