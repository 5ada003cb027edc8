namespace Mlops.Deployment.Application;

/// <summary>Why a use case refused a request; the gRPC adapter turns each into a status code.</summary>
public enum DeploymentErrorKind
{
    InvalidArgument,
    NotFound,
    AlreadyExists,

    /// <summary>The request is valid but the state forbids it now (a deployment that takes traffic).</summary>
    FailedPrecondition,

    /// <summary>A concurrent change won (a stale etag); reading again and retrying may succeed.</summary>
    Aborted,

    /// <summary>The caller may not do this (not an approver, or deciding their own request).</summary>
    PermissionDenied,

    /// <summary>A service this one depends on (the registry) cannot be reached.</summary>
    Unavailable,
}
