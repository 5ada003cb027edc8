using Mlops.Hosting.ApplicationModel;

namespace Mlops.Hosting;

public static class PostgresBuilderExtensions
{
    /// <summary>The local PostgreSQL 15 server (a process of Debian's PostgreSQL, not a container).</summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this DistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new PostgresServerResource(name, builder.LocalServers.Postgres));
    }

    /// <summary>A database of the server, created if missing; its connection string is an Npgsql one.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.ApplicationBuilder.AddResource(new PostgresDatabaseResource(name, databaseName ?? name, server.Resource));
    }
}
