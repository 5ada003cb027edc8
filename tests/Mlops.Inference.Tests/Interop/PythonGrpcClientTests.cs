using System.Globalization;
using Mlops.Inference.Tests.Infrastructure;
using Mlops.Testing;

namespace Mlops.Inference.Tests.Interop;

/// <summary>
/// A Python grpcio client, its messages compiled by protoc from protos/inference/grpc_predict_v2.proto
/// at run time, against our server: the proto and the service interoperate as KServe's and Triton's do.
/// </summary>
[Collection(InferenceServerCollection.Name)]
public sealed class PythonGrpcClientTests(InferenceServerFixture fixture)
{
    public static TheoryData<string> Cases =>
    [
        "server_live", "server_ready", "server_metadata", "model_ready", "model_metadata",
        "infer_typed", "infer_raw", "infer_requested_outputs", "infer_every_datatype_typed", "infer_every_datatype_raw",
        "error_unknown_model", "error_model_not_ready", "error_missing_input", "error_wrong_datatype", "error_wrong_shape",
        "error_data_length", "error_unknown_output",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Python_grpcio(string testCase)
    {
        var result = await ExternalProcess.RunAsync(
            "/usr/bin/python3",
            [
                Path.Combine(RepoPaths.Root, "tests/interop/python/inference_client.py"),
                "--server_host", "127.0.0.1",
                "--server_port", fixture.Server.GrpcPort.ToString(CultureInfo.InvariantCulture),
                "--test_case", testCase,
            ]);
        Assert.True(result.ExitCode == 0, $"python case {testCase} failed:\n{result.Output}");
        Assert.Contains($"PASS {testCase}", result.Output, StringComparison.Ordinal);
    }
}
