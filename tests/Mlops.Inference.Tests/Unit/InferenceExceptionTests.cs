using Mlops.Grpc;

namespace Mlops.Inference.Tests.Unit;

public sealed class InferenceExceptionTests
{
    [Theory]
    [InlineData(InferenceErrorCode.InvalidArgument, StatusCode.InvalidArgument, 400)]
    [InlineData(InferenceErrorCode.NotFound, StatusCode.NotFound, 404)]
    [InlineData(InferenceErrorCode.Unavailable, StatusCode.Unavailable, 503)]
    [InlineData(InferenceErrorCode.Internal, StatusCode.Internal, 500)]
    public void Each_code_has_one_grpc_status_and_one_http_status(InferenceErrorCode code, StatusCode grpc, int http)
    {
        var error = new InferenceException(code, "why");
        Assert.Equal(grpc, error.GrpcStatusCode);
        Assert.Equal(http, error.HttpStatusCode);
        var rpc = error.ToRpcException();
        Assert.Equal(new Status(grpc, "why"), rpc.Status);
    }

    [Fact]
    public void Not_found_and_not_ready_name_the_model_and_version()
    {
        Assert.Equal("Model 'm' version '3' is not found.", InferenceException.ModelNotFound("m", "3").Message);
        Assert.Equal("Model 'm' is not ready.", InferenceException.ModelNotReady("m", null).Message);
    }
}
