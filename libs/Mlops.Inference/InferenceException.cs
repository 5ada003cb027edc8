using Mlops.Grpc;

namespace Mlops.Inference;

/// <summary>A protocol call that failed: its code maps to the gRPC status and to the REST status with {"error": message}.</summary>
public sealed class InferenceException : Exception
{
    public InferenceException()
        : this(InferenceErrorCode.Internal, "Inference failed.")
    {
    }

    public InferenceException(string message)
        : this(InferenceErrorCode.Internal, message)
    {
    }

    public InferenceException(string message, Exception innerException)
        : this(InferenceErrorCode.Internal, message, innerException)
    {
    }

    public InferenceException(InferenceErrorCode code, string message, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    public InferenceErrorCode Code { get; }

    public StatusCode GrpcStatusCode => Code switch
    {
        InferenceErrorCode.InvalidArgument => StatusCode.InvalidArgument,
        InferenceErrorCode.NotFound => StatusCode.NotFound,
        InferenceErrorCode.Unavailable => StatusCode.Unavailable,
        _ => StatusCode.Internal,
    };

    public int HttpStatusCode => Code switch
    {
        InferenceErrorCode.InvalidArgument => 400,
        InferenceErrorCode.NotFound => 404,
        InferenceErrorCode.Unavailable => 503,
        _ => 500,
    };

    public static InferenceException InvalidArgument(string message) => new(InferenceErrorCode.InvalidArgument, message);

    public static InferenceException ModelNotFound(string name, string? version) =>
        new(InferenceErrorCode.NotFound, version is null ? $"Model '{name}' is not found." : $"Model '{name}' version '{version}' is not found.");

    public static InferenceException ModelNotReady(string name, string? version) =>
        new(InferenceErrorCode.Unavailable, version is null ? $"Model '{name}' is not ready." : $"Model '{name}' version '{version}' is not ready.");

    public RpcException ToRpcException() => new(new Status(GrpcStatusCode, Message), new Metadata(), richStatus: null, innerException: this);
}
