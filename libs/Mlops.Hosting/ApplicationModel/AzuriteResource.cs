using Mlops.LocalInfrastructure;

namespace Mlops.Hosting.ApplicationModel;

/// <summary>A storage account emulated by Azurite: the local stand-in for Azure Storage.</summary>
public sealed class AzuriteResource(string name, AzuriteServer server) : LocalServerResource(name)
{
    public override string Type => "azurite";

    public override ILocalResource Server => AzuriteServer;

    public AzuriteServer AzuriteServer { get; } = server;

    public override IReadOnlyList<string> Endpoints => [$"http://127.0.0.1:{AzuriteServer.Port}"];
}
