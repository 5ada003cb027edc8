using Google.Protobuf.Reflection;

namespace Mlops.Grpc.Server.Hosting;

/// <summary>The services this server maps: for UNIMPLEMENTED messages, health and reflection.</summary>
public sealed class GrpcServiceRegistry
{
    private readonly List<ServiceDescriptor> _services = [];
    private readonly object _lock = new();

    public IReadOnlyList<ServiceDescriptor> Services
    {
        get
        {
            lock (_lock)
            {
                return [.. _services];
            }
        }
    }

    public bool IsMapped(string serviceName) => Services.Any(s => s.FullName == serviceName);

    internal void Add(ServiceDescriptor service)
    {
        lock (_lock)
        {
            if (_services.Any(s => s.FullName == service.FullName))
            {
                throw new InvalidOperationException($"The gRPC service {service.FullName} is mapped twice.");
            }

            _services.Add(service);
        }
    }
}
