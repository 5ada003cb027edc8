namespace Mlops.Resources;

/// <summary>
/// Resource names, once: the AppHost names its resources with them, and they become the keys of the configuration
/// contract a service reads (<c>ConnectionStrings__registrydb</c>, <c>services__registry__grpc__0</c>).
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";

    public const string RegistryDatabase = "registrydb";

    public const string DeploymentDatabase = "deploymentdb";

    public const string MonitoringDatabase = "monitoringdb";

    public const string LineageDatabase = "lineagedb";

    public const string LabelingDatabase = "labelingdb";

    /// <summary>The RabbitMQ broker; its connection string is an AMQP URI.</summary>
    public const string Messaging = "messaging";

    /// <summary>The storage account (Azurite locally).</summary>
    public const string Storage = "storage";

    /// <summary>The blob service of <see cref="Storage"/>; its connection string is a blob connection string.</summary>
    public const string Blobs = "blobs";

    public const string Registry = "registry";

    public const string Deployment = "deployment";

    public const string Monitoring = "monitoring";

    public const string Lineage = "lineage";

    public const string Labeling = "labeling";
}
