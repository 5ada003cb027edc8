namespace Mlops.Inference;

/// <summary>The ways a protocol call fails, each with one gRPC status and one HTTP status.</summary>
public enum InferenceErrorCode
{
    /// <summary>INVALID_ARGUMENT, HTTP 400: the request does not fit the protocol or the model's metadata.</summary>
    InvalidArgument,

    /// <summary>NOT_FOUND, HTTP 404: no such model or version.</summary>
    NotFound,

    /// <summary>UNAVAILABLE, HTTP 503: the model exists but is not ready.</summary>
    Unavailable,

    /// <summary>INTERNAL, HTTP 500: the model host failed or broke the protocol.</summary>
    Internal,
}
