using Mlops.Grpc.Tests.Infrastructure;
using Mlops.Testing;

namespace Mlops.Grpc.Tests.Interop;

/// <summary>
/// Real clients of other platforms — Python grpcio (Debian) and Node @grpc/grpc-js — run the
/// interop spec's cases against our server, compiled from the gRPC project's own protos.
/// </summary>
[Collection(SharedServerCollection.Name)]
public sealed class ForeignClientInteropTests(SharedServerFixture fixture)
{
    public static TheoryData<string> Cases =>
    [
        "empty_unary", "large_unary", "client_streaming", "server_streaming", "ping_pong", "empty_stream",
        "custom_metadata", "status_code_and_message", "special_status_message", "unimplemented_method",
        "unimplemented_service", "cancel_after_begin", "cancel_after_first_response", "timeout_on_sleeping_server",
        "client_compressed_unary", "server_compressed_unary", "oversized_request", "oversized_response",
        "health_check", "health_watch", "reflection_list_services", "reflection_file_containing_symbol",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Python_grpcio(string testCase)
    {
        var result = await ExternalProcess.RunAsync(
            "/usr/bin/python3",
            [Path.Combine(RepoPaths.Root, "tests/interop/python/interop_client.py"), "--server_host", "127.0.0.1", "--server_port", Port, "--test_case", testCase]);
        Assert.True(result.ExitCode == 0, $"python interop case {testCase} failed:\n{result.Output}");
        Assert.Contains($"PASS {testCase}", result.Output);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Node_grpc_js(string testCase)
    {
        var result = await ExternalProcess.RunAsync(
            "node",
            [Path.Combine(RepoPaths.Root, "tests/interop/node/interop_client.js"), "--server_host=127.0.0.1", $"--server_port={Port}", $"--test_case={testCase}"]);
        Assert.True(result.ExitCode == 0, $"node interop case {testCase} failed:\n{result.Output}");
        Assert.Contains($"PASS {testCase}", result.Output);
    }

    private string Port => fixture.Server.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
