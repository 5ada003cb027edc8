using Mlops.LocalInfrastructure;

namespace Mlops.Hosting.ApplicationModel;

public sealed class PostgresServerResource(string name, PostgresServer server) : LocalServerResource(name)
{
    public override string Type => "postgres";

    public override ILocalResource Server => PostgresServer;

    public PostgresServer PostgresServer { get; } = server;

    public override IReadOnlyList<string> Endpoints => [$"tcp://127.0.0.1:{PostgresServer.Port}"];
}
