namespace Mlops.Hosting.ApplicationModel;

/// <summary>
/// A port a project listens on, on 127.0.0.1. <see cref="Port"/> is fixed by the model or, when null (or when the
/// AppHost randomizes ports), a free one chosen at start; <see cref="AllocatedPort"/> is the one in use.
/// </summary>
public sealed class EndpointAnnotation(string name, EndpointProtocol protocol, int? port)
{
    public string Name { get; } = name;

    public EndpointProtocol Protocol { get; } = protocol;

    public int? Port { get; } = port;

    public int? AllocatedPort { get; internal set; }

    public Uri Url => new($"http://127.0.0.1:{AllocatedPort ?? throw new InvalidOperationException($"Endpoint '{Name}' has no port until the application starts.")}");
}
