using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Mlops.Blobs.Azure;
using Mlops.Blobs.Tests.Infrastructure;

namespace Mlops.Blobs.Tests;

/// <summary>
/// Known answers for Shared Key, written out from the Blob service's documented
/// canonicalization: VERB, eleven standard headers in fixed order (Content-Length empty when
/// zero), the x-ms-* headers lowercased and sorted, then /account + path and the query
/// parameters lowercased, sorted, values decoded and comma-joined.
/// </summary>
public sealed class SharedKeySigningTests
{
    private static readonly DateTimeOffset Now = new(2015, 6, 26, 23, 39, 12, TimeSpan.Zero);

    [Fact]
    public void A_put_with_body_metadata_and_condition_signs_the_documented_string()
    {
        using var message = NewMessage(RequestMethod.Put, "http://127.0.0.1:10000/devstoreaccount1/models/my%20model.onnx?timeout=20&comp=metadata");
        message.Request.Headers.SetValue("x-ms-version", "2021-12-02");
        message.Request.Headers.SetValue("X-MS-Meta-Stage", "  production ");
        message.Request.Headers.SetValue("Content-Type", "application/onnx");
        message.Request.Headers.SetValue("If-Match", "\"0x8D\"");
        message.Request.Headers.SetValue("User-Agent", "not-signed");
        message.Request.Content = RequestContent.Create(new byte[11]);

        Sign(message, SharedKeyCredential.Development);

        const string expected =
            "PUT\n" +
            "\n" +                       // Content-Encoding
            "\n" +                       // Content-Language
            "11\n" +                     // Content-Length
            "\n" +                       // Content-MD5
            "application/onnx\n" +       // Content-Type
            "\n" +                       // Date (x-ms-date is used instead)
            "\n" +                       // If-Modified-Since
            "\"0x8D\"\n" +               // If-Match
            "\n" +                       // If-None-Match
            "\n" +                       // If-Unmodified-Since
            "\n" +                       // Range
            "x-ms-date:Fri, 26 Jun 2015 23:39:12 GMT\n" +
            "x-ms-meta-stage:production\n" +
            "x-ms-version:2021-12-02\n" +
            "/devstoreaccount1/devstoreaccount1/models/my%20model.onnx\n" +
            "comp:metadata\n" +
            "timeout:20";
        Assert.Equal(expected, SharedKeyAuthenticationPolicy.BuildStringToSign(message.Request, "devstoreaccount1"));
        Assert.Equal("Fri, 26 Jun 2015 23:39:12 GMT", Header(message, "x-ms-date"));
        Assert.Equal($"SharedKey devstoreaccount1:{Hmac(SharedKeyCredential.DevelopmentAccountKey, expected)}", Header(message, "Authorization"));
    }

    [Fact]
    public void A_get_without_body_signs_an_empty_length_and_merges_repeated_query_parameters()
    {
        var key = Convert.ToBase64String(Encoding.ASCII.GetBytes("a key that is only for this test"));
        using var message = NewMessage(RequestMethod.Get, "https://acct.blob.core.windows.net/runs?restype=container&comp=list&Prefix=runs%2F42%20a&include=snapshots&include=metadata");
        message.Request.Headers.SetValue("x-ms-version", "2021-12-02");
        message.Request.Headers.SetValue("x-ms-range", "bytes=0-99");
        message.Request.Headers.SetValue("x-ms-client-request-id", "abc");

        Sign(message, new SharedKeyCredential("acct", key));

        const string expected =
            "GET\n\n\n\n\n\n\n\n\n\n\n\n" +
            "x-ms-client-request-id:abc\n" +
            "x-ms-date:Fri, 26 Jun 2015 23:39:12 GMT\n" +
            "x-ms-range:bytes=0-99\n" +
            "x-ms-version:2021-12-02\n" +
            "/acct/runs\n" +
            "comp:list\n" +
            "include:metadata,snapshots\n" +
            "prefix:runs/42 a\n" +
            "restype:container";
        Assert.Equal(expected, SharedKeyAuthenticationPolicy.BuildStringToSign(message.Request, "acct"));
        Assert.Equal($"SharedKey acct:{Hmac(key, expected)}", Header(message, "Authorization"));
    }

    [Fact]
    public void The_credential_never_shows_its_key()
    {
        Assert.DoesNotContain(SharedKeyCredential.DevelopmentAccountKey, SharedKeyCredential.Development.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SharedKeyCredential("acct", "not base64!"));
    }

    private static HttpMessage NewMessage(RequestMethod method, string uri)
    {
        var message = HttpPipelineBuilder.Build(new AzureBlobStoreOptions()).CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri(uri));
        return message;
    }

    private static void Sign(HttpMessage message, SharedKeyCredential credential) =>
        new SharedKeyAuthenticationPolicy(credential, new FixedTimeProvider(Now)).OnSendingRequest(message);

    private static string? Header(HttpMessage message, string name) =>
        message.Request.Headers.TryGetValue(name, out var value) ? value : null;

    private static string Hmac(string base64Key, string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(base64Key), Encoding.UTF8.GetBytes(stringToSign)));
}
