using System.Collections.Concurrent;

namespace Mlops.Inference.Tests.Infrastructure;

/// <summary>
/// A real, small model host: "add" (version 1) sums and subtracts two FP32 [-1, 2] tensors;
/// "echo" returns one input of every datatype but FP16 unchanged, "half" its one FP16 input (FP16
/// has no typed contents, so it stands apart); "warming" exists but is never ready.
/// </summary>
public sealed class TestModelHost : IInferenceModelHost
{
    public static readonly ModelMetadata Add = new(
        "add",
        [new("a", TensorDataType.Fp32, [-1, 2]), new("b", TensorDataType.Fp32, [-1, 2])],
        [new("sum", TensorDataType.Fp32, [-1, 2]), new("difference", TensorDataType.Fp32, [-1, 2])])
    {
        Versions = ["1"],
        Platform = "mlops_test",
    };

    public static readonly ModelMetadata Echo = new(
        "echo",
        [.. Enum.GetValues<TensorDataType>().Where(t => t != TensorDataType.Fp16).Select(t => new TensorMetadata(EchoName(t), t, [-1]))],
        [.. Enum.GetValues<TensorDataType>().Where(t => t != TensorDataType.Fp16).Select(t => new TensorMetadata(EchoName(t), t, [-1]))])
    {
        Platform = "mlops_test",
    };

    public static readonly ModelMetadata EchoFp16 = new("half", [new("fp16", TensorDataType.Fp16, [-1])], [new("fp16", TensorDataType.Fp16, [-1])]);

    public static readonly ModelMetadata Warming = new("warming", [new("x", TensorDataType.Fp32, [-1])], [new("y", TensorDataType.Fp32, [-1])]);

    private readonly ConcurrentQueue<InferenceRequest> _received = new();

    public bool Live { get; set; } = true;

    public bool Ready { get; set; } = true;

    /// <summary>An id the host gives its answers, as a gateway that generates request ids does; null for none.</summary>
    public string? ResponseId { get; set; }

    /// <summary>The requests that reached the host, after the protocol layer let them through.</summary>
    public IReadOnlyCollection<InferenceRequest> Received => _received;

    /// <summary>"fp32", "bytes", ...: the echo model's tensor for a datatype.</summary>
    public static string EchoName(TensorDataType dataType) => dataType.ToWireName().ToLowerInvariant();

    public ValueTask<ServerMetadata> GetServerMetadataAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ServerMetadata("mlops-test", "0.1.0"));

    public ValueTask<bool> IsLiveAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Live);

    public ValueTask<bool> IsReadyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Ready);

    public ValueTask<HostedModel?> FindModelAsync(string name, string? version, CancellationToken cancellationToken) =>
        ValueTask.FromResult((name, version) switch
        {
            ("add", null or "1") => new HostedModel(Add, "1", true),
            ("echo", null) => new HostedModel(Echo, null, true),
            ("half", null) => new HostedModel(EchoFp16, null, true),
            ("warming", null) => new HostedModel(Warming, null, false),
            _ => null,
        });

    public Task<InferenceResponse> InferAsync(HostedModel model, InferenceRequest request, CancellationToken cancellationToken)
    {
        _received.Enqueue(request);
        var response = model.Metadata.Name switch
        {
            "add" => RunAdd(request),
            "echo" or "half" => new InferenceResponse(model.Metadata.Name, request.Inputs),
            _ => throw new InferenceException(InferenceErrorCode.Internal, $"No runtime for '{model.Metadata.Name}'."),
        };
        return Task.FromResult(ResponseId is null ? response : response with { Id = ResponseId });
    }

    private static InferenceResponse RunAdd(InferenceRequest request)
    {
        var a = request.Inputs.Single(i => i.Name == "a");
        var b = request.Inputs.Single(i => i.Name == "b");
        if (!a.Shape.SequenceEqual(b.Shape))
        {
            throw InferenceException.InvalidArgument($"Inputs 'a' {TensorShape.Format(a.Shape)} and 'b' {TensorShape.Format(b.Shape)} differ in shape.");
        }

        var x = a.GetData<float>();
        var y = b.GetData<float>();
        return new InferenceResponse(
            "add",
            [
                InferenceTensor.Create("sum", a.Shape, x.Zip(y, (p, q) => p + q).ToArray()),
                InferenceTensor.Create("difference", a.Shape, x.Zip(y, (p, q) => p - q).ToArray()),
            ])
        {
            Parameters = new Dictionary<string, InferenceParameter> { ["runtime"] = InferenceParameter.Of("test") },
        };
    }
}
