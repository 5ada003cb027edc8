namespace Mlops.Registry.Application;

/// <summary>Why a use case refused a request; the gRPC adapter turns each into a status code.</summary>
public enum RegistryErrorKind
{
    InvalidArgument,
    NotFound,
    AlreadyExists,

    /// <summary>The request is valid but the state forbids it now (a protected version, a decided approval).</summary>
    FailedPrecondition,

    /// <summary>A concurrent change won (a stale revision); retrying after reading again may succeed.</summary>
    Aborted,

    /// <summary>The caller is known but may not do this (approving their own version, not an approver).</summary>
    PermissionDenied,
}
