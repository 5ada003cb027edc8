namespace Mlops.Registry.Application;

/// <summary>
/// A request the registry refuses, with a message meant for the caller. Not sealed: a refusal that carries more
/// (a filter's error position) derives from it and still reaches the caller through the same status mapping.
/// </summary>
public class RegistryException : Exception
{
    public RegistryException(RegistryErrorKind kind, string message)
        : base(message) => Kind = kind;

    public RegistryException()
    {
    }

    public RegistryException(string message)
        : base(message)
    {
    }

    public RegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RegistryErrorKind Kind { get; }

    public static RegistryException Invalid(string message) => new(RegistryErrorKind.InvalidArgument, message);

    public static RegistryException NotFound(string message) => new(RegistryErrorKind.NotFound, message);

    public static RegistryException AlreadyExists(string message) => new(RegistryErrorKind.AlreadyExists, message);

    public static RegistryException FailedPrecondition(string message) => new(RegistryErrorKind.FailedPrecondition, message);

    public static RegistryException Aborted(string message) => new(RegistryErrorKind.Aborted, message);

    public static RegistryException PermissionDenied(string message) => new(RegistryErrorKind.PermissionDenied, message);
}
