namespace Mlops.Deployment.Application;

public sealed record EndpointPage(IReadOnlyList<EndpointInfo> Endpoints, string NextPageToken);
