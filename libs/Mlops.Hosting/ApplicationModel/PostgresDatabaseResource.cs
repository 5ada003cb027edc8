namespace Mlops.Hosting.ApplicationModel;

/// <summary>A database of a PostgreSQL server, created when the server is up if it does not exist yet.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server) : Resource(name), IResourceWithConnectionString
{
    public override string Type => "database";

    public override IResource Parent => Server;

    public PostgresServerResource Server { get; } = server;

    public string DatabaseName { get; } = databaseName;

    public string ConnectionString => Server.PostgresServer.ConnectionString(DatabaseName);
}
