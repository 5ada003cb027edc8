using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Mlops.Grpc.Client;
using Mlops.Grpc.InteropServer;
using Mlops.Grpc.Tests.Infrastructure;

namespace Mlops.Grpc.Tests.Client;

public sealed class ChannelTests
{
    [Fact]
    public void The_address_of_a_service_comes_from_the_Aspire_variable()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["services:registry:grpc:0"] = "http://127.0.0.1:7001" })
            .Build();

        using var channel = GrpcChannel.ForService(configuration, "registry");
        Assert.Equal(new Uri("http://127.0.0.1:7001"), channel.Address);
    }

    [Fact]
    public void The_Aspire_variable_is_read_from_the_environment()
    {
        Environment.SetEnvironmentVariable("services__lineage__grpc__0", "https://lineage.internal:443");
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();

        using var channel = GrpcChannel.ForService(configuration, "lineage");
        Assert.Equal(new Uri("https://lineage.internal:443"), channel.Address);
    }

    [Fact]
    public void A_missing_address_names_the_variable_to_set()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => GrpcChannel.ForService(new ConfigurationBuilder().Build(), "monitoring"));
        Assert.Contains("services__monitoring__grpc__0", ex.Message);
    }

    [Fact]
    public async Task Calls_work_over_TLS_with_ALPN_h2()
    {
        using var certificate = SelfSignedCertificate();
        var app = InteropServerHost.Build(0, configureBuilder: builder => builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ConfigureEndpointDefaults(_ => { });
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.UseHttps(certificate);
            });
        }));
        await app.StartAsync();
        try
        {
            var address = app.Urls.Select(u => new Uri(u)).Single(u => u.Scheme == "https");
            var handler = new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == certificate.GetCertHashString() },
            };
            using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler });

            var reply = await channel.UnaryAsync(Methods.UnaryCall, new SimpleRequest { ResponseSize = 1234 });
            Assert.Equal(1234, reply.Payload.Body.Length);

            using var stream = channel.DuplexStreaming(Methods.FullDuplexCall);
            var request = new StreamingOutputCallRequest();
            request.ResponseParameters.Add(new ResponseParameters { Size = 10 });
            await stream.RequestStream.WriteAsync(request);
            await stream.RequestStream.CompleteAsync();
            Assert.Equal(1, await stream.ResponseStream.ReadAllAsync().CountAsync());
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
