using Mlops.Blobs.Azure;
using Mlops.Blobs.Configuration;

namespace Mlops.Blobs.Tests;

public sealed class ConnectionStringTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public void Development_storage_is_azurite_with_the_well_known_account()
    {
        var parsed = BlobConnectionString.Parse("UseDevelopmentStorage=true");
        Assert.Equal(BlobStoreKind.AzureSharedKey, parsed.Kind);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), parsed.ServiceUri);
        Assert.Equal("devstoreaccount1", parsed.SharedKey!.AccountName);
    }

    [Fact]
    public void An_azurite_connection_string_with_a_blob_endpoint_uses_it()
    {
        var parsed = BlobConnectionString.Parse(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};BlobEndpoint=http://127.0.0.1:10210/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10211/devstoreaccount1;");
        Assert.Equal(BlobStoreKind.AzureSharedKey, parsed.Kind);
        Assert.Equal(new Uri("http://127.0.0.1:10210/devstoreaccount1"), parsed.ServiceUri);
        Assert.Equal("devstoreaccount1", parsed.SharedKey!.AccountName);
    }

    [Fact]
    public void An_account_connection_string_derives_the_endpoint()
    {
        var parsed = BlobConnectionString.Parse($"DefaultEndpointsProtocol=https;AccountName=mlopsprod;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn");
        Assert.Equal(new Uri("https://mlopsprod.blob.core.chinacloudapi.cn/"), parsed.ServiceUri);

        var standard = BlobConnectionString.Parse($"accountname=mlopsprod; accountkey={Key}");
        Assert.Equal(new Uri("https://mlopsprod.blob.core.windows.net/"), standard.ServiceUri);
    }

    [Theory]
    [InlineData("BlobEndpoint=https://mlopsprod.blob.core.windows.net/", "https://mlopsprod.blob.core.windows.net/")]
    [InlineData("AccountName=mlopsprod", "https://mlopsprod.blob.core.windows.net/")]
    [InlineData("https://mlopsprod.blob.core.windows.net/", "https://mlopsprod.blob.core.windows.net/")]
    [InlineData("BlobEndpoint=https://mlopsprod.blob.core.windows.net/;AccountName=mlopsprod", "https://mlopsprod.blob.core.windows.net/")]
    public void Without_a_key_it_is_entra_id(string connectionString, string endpoint)
    {
        var parsed = BlobConnectionString.Parse(connectionString);
        Assert.Equal(BlobStoreKind.AzureEntraId, parsed.Kind);
        Assert.Equal(new Uri(endpoint), parsed.ServiceUri);
        Assert.Null(parsed.SharedKey);
    }

    [Theory]
    [InlineData("LocalFolder=/var/lib/mlops/blobs")]
    [InlineData("file:///var/lib/mlops/blobs")]
    public void A_local_folder_can_be_named(string connectionString)
    {
        var parsed = BlobConnectionString.Parse(connectionString);
        Assert.Equal(BlobStoreKind.LocalFolder, parsed.Kind);
        Assert.Equal("/var/lib/mlops/blobs", parsed.LocalFolder);
    }

    [Theory]
    [InlineData("AccountKey=" + Key)]
    [InlineData("AccountName=a;AccountKey=not-base64!")]
    [InlineData("BlobEndpoint=ftp://host/")]
    [InlineData("BlobEndpoint=https://a.blob.core.windows.net/;SharedAccessSignature=sv=2021&sig=x")]
    [InlineData("DefaultEndpointsProtocol=https")]
    [InlineData("garbage")]
    public void Malformed_strings_are_refused_without_echoing_the_key(string connectionString)
    {
        var error = Assert.Throws<FormatException>(() => BlobConnectionString.Parse(connectionString));
        Assert.StartsWith("Invalid blob connection string", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_hides_the_key()
    {
        var text = BlobConnectionString.Parse($"AccountName=mlopsprod;AccountKey={Key}").ToString();
        Assert.Contains("mlopsprod", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, SharedKeyCredential.Development.ToString(), StringComparison.Ordinal);
    }
}
