using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Http;
using Mlops.Blobs.Azure;
using Mlops.Blobs.Configuration;
using Mlops.Blobs.Tests.Infrastructure;

namespace Mlops.Blobs.Tests;

/// <summary>
/// Entra ID: every request carries <c>Authorization: Bearer</c> with a token for Azure
/// Storage's scope. The far end is a loopback HTTPS endpoint that records headers; Azurite
/// cannot check Entra tokens, and the subject here is what the client sends.
/// </summary>
public sealed class EntraAuthenticationTests
{
    [Fact]
    public async Task Requests_carry_a_bearer_token_for_the_storage_scope()
    {
        using var certificate = TestCertificates.CreateLoopback();
        await using var endpoint = await RecordingEndpoint.StartAsync(RespondCreated, certificate);
        var credential = new FakeTokenCredential("entra-token-123");
        var options = new BlobStoreOptions { Credential = credential };
        options.Azure.Transport = TrustingTransport(certificate);

        var store = BlobStoreFactory.Create($"BlobEndpoint={new Uri(endpoint.Address, "/mlopsprod")}", options);
        Assert.True(await store.CreateContainerIfNotExistsAsync("models"));
        await store.UploadAsync("models", "churn/model.onnx", new byte[] { 1, 2, 3 });

        Assert.Equal(2, endpoint.Requests.Count);
        Assert.All(endpoint.Requests, request =>
        {
            Assert.Equal("Bearer entra-token-123", request.Header("Authorization"));
            Assert.Equal(AzureBlobStoreOptions.DefaultApiVersion, request.Header("x-ms-version"));
        });
        Assert.Equal(["/mlopsprod/models", "/mlopsprod/models/churn/model.onnx"], endpoint.Requests.Select(r => r.Path));
        Assert.All(credential.RequestedScopes, scopes => Assert.Equal([AzureBlobStore.StorageScope], scopes));
        Assert.NotEmpty(credential.RequestedScopes);
    }

    [Fact]
    public void Tokens_are_never_sent_over_plain_http()
    {
        var error = Assert.Throws<ArgumentException>(() => new AzureBlobStore(new Uri("http://127.0.0.1:10299/acct"), new FakeTokenCredential("t")));
        Assert.Contains("https", error.Message, StringComparison.Ordinal);
    }

    private static Task RespondCreated(HttpContext context, RecordedRequest request)
    {
        context.Response.StatusCode = 201;
        context.Response.Headers.ETag = "\"0x1\"";
        context.Response.Headers.LastModified = "Fri, 26 Jun 2015 23:39:12 GMT";
        return Task.CompletedTask;
    }

    private static HttpClientTransport TrustingTransport(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        new(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString() },
        });
}
