namespace Mlops.Deployment.Gateway;

/// <summary>HttpContext.Items keys the model host fills for the metrics middleware: which endpoint and deployment a request reached.</summary>
internal static class GatewayRequestItems
{
    public static readonly object Endpoint = new();
    public static readonly object Deployment = new();
}
