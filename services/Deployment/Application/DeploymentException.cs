namespace Mlops.Deployment.Application;

/// <summary>A request the deployment service refuses, with a message meant for the caller.</summary>
public sealed class DeploymentException : Exception
{
    public DeploymentException(DeploymentErrorKind kind, string message)
        : base(message) => Kind = kind;

    public DeploymentException()
    {
    }

    public DeploymentException(string message)
        : base(message)
    {
    }

    public DeploymentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DeploymentErrorKind Kind { get; }

    public static DeploymentException Invalid(string message) => new(DeploymentErrorKind.InvalidArgument, message);

    public static DeploymentException NotFound(string message) => new(DeploymentErrorKind.NotFound, message);

    public static DeploymentException AlreadyExists(string message) => new(DeploymentErrorKind.AlreadyExists, message);

    public static DeploymentException FailedPrecondition(string message) => new(DeploymentErrorKind.FailedPrecondition, message);

    public static DeploymentException Aborted(string message) => new(DeploymentErrorKind.Aborted, message);

    public static DeploymentException PermissionDenied(string message) => new(DeploymentErrorKind.PermissionDenied, message);

    public static DeploymentException Unavailable(string message) => new(DeploymentErrorKind.Unavailable, message);
}
