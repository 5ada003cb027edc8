using System.Globalization;
using Mlops.Hosting.ApplicationModel;

namespace Mlops.Hosting.Orchestration;

/// <summary>
/// A service's environment under Aspire's contract: <c>ConnectionStrings__{name}</c> per referenced connection,
/// <c>services__{name}__{endpoint}__0</c> per referenced service endpoint, <c>OTEL_*</c>, and Kestrel endpoints
/// for its own ports. A real Aspire AppHost produces the same keys, so a service cannot tell them apart.
/// </summary>
internal sealed class EnvironmentBuilder(DistributedApplicationOptions options)
{
    private static readonly string[] PassedThroughTelemetry =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_PROTOCOL",
        "OTEL_EXPORTER_OTLP_HEADERS",
    ];

    public IReadOnlyDictionary<string, string> For(ProjectResource project)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_ENVIRONMENT"] = options.EnvironmentName,
            ["ASPNETCORE_ENVIRONMENT"] = options.EnvironmentName,
            ["OTEL_SERVICE_NAME"] = project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = string.Create(CultureInfo.InvariantCulture, $"service.instance.id={Guid.NewGuid():N}"),

            // One line per log entry reads well behind the resource-name prefix.
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };

        foreach (var variable in PassedThroughTelemetry)
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrEmpty(value))
            {
                environment[variable] = value;
            }
        }

        foreach (var endpoint in project.Endpoints)
        {
            environment[$"Kestrel__Endpoints__{endpoint.Name}__Url"] = endpoint.Url.ToString().TrimEnd('/');
            environment[$"Kestrel__Endpoints__{endpoint.Name}__Protocols"] = endpoint.Protocol == EndpointProtocol.Http2 ? "Http2" : "Http1";
        }

        foreach (var reference in project.Annotations.References)
        {
            switch (reference)
            {
                case IResourceWithConnectionString withConnectionString:
                    environment[$"ConnectionStrings__{reference.Name}"] = withConnectionString.ConnectionString;
                    break;
                case ProjectResource service:
                    foreach (var endpoint in service.Endpoints)
                    {
                        environment[$"services__{service.Name}__{endpoint.Name}__0"] = endpoint.Url.ToString().TrimEnd('/');
                    }

                    break;
                default:
                    throw new InvalidOperationException($"{project} references {reference}, which has neither a connection string nor endpoints.");
            }
        }

        foreach (var (name, value) in project.Annotations.Environment)
        {
            environment[name] = value;
        }

        return environment;
    }
}
