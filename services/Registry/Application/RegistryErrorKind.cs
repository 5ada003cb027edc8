namespace Mlops.Registry.Application;

/// <summary>Why a use case refused a request; the gRPC adapter turns each into a status code.</summary>
public enum RegistryErrorKind
{
    InvalidArgument,
    NotFound,
    AlreadyExists,
}
