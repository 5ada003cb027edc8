using System.Xml.Linq;
using Azure.Core;
using Azure.Core.Pipeline;
using Mlops.Blobs.Azure;
using Mlops.LocalInfrastructure;
using Mlops.Registry.Infrastructure;

namespace Mlops.Registry.Tests.Uploads;

/// <summary>
/// What no blob listing shows: the uncommitted blocks an interrupted upload staged under a blob's name, read with Get
/// Block List straight from Azurite's REST API.
/// </summary>
public static class AzuriteBlocks
{
    /// <summary>The uncommitted blocks of the registry's blob <paramref name="blobName"/>; null when Azurite knows no such blob at all.</summary>
    public static async Task<int?> UncommittedAsync(AzuriteServer azurite, string blobName)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var pipeline = HttpPipelineBuilder.Build(
            new AzureBlobStoreOptions(),
            new SharedKeyAuthenticationPolicy(new SharedKeyCredential(AzuriteServer.AccountName, AzuriteServer.AccountKey)));
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri($"{azurite.BlobEndpoint}/{BlobArtifactStore.Container}/{blobName}"));
        message.Request.Uri.AppendQuery("comp", "blocklist");
        message.Request.Uri.AppendQuery("blocklisttype", "all");
        message.Request.Headers.SetValue("x-ms-version", AzureBlobStoreOptions.DefaultApiVersion);
        await pipeline.SendAsync(message, CancellationToken.None);
        if (message.Response.Status == 404)
        {
            return null;
        }

        Assert.True(message.Response.Status == 200, $"Get Block List answered {message.Response.Status}: {message.Response.Content}");
        var list = XDocument.Parse(message.Response.Content.ToString());
        return list.Root!.Element("UncommittedBlocks")?.Elements("Block").Count() ?? 0;
    }
}
