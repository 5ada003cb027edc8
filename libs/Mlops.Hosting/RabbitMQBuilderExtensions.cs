using Mlops.Hosting.ApplicationModel;

namespace Mlops.Hosting;

public static class RabbitMQBuilderExtensions
{
    /// <summary>The local RabbitMQ node (Debian's rabbitmq-server with a private node name and ports).</summary>
    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this DistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new RabbitMQServerResource(name, builder.LocalServers.RabbitMq));
    }
}
