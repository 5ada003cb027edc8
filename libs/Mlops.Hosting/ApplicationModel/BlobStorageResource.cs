namespace Mlops.Hosting.ApplicationModel;

/// <summary>The blob service of a storage account; its connection string is a blob connection string.</summary>
public sealed class BlobStorageResource(string name, AzuriteResource account) : Resource(name), IResourceWithConnectionString
{
    public override string Type => "blobs";

    public override IResource Parent => Account;

    public AzuriteResource Account { get; } = account;

    public string ConnectionString => Account.AzuriteServer.BlobConnectionString;
}
