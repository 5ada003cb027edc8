using Microsoft.Extensions.Configuration;
using Mlops.Grpc.Client;

namespace Mlops.ServiceDefaults.TestHost;

/// <summary>The channel to "next", when services__next__grpc__0 names one.</summary>
public sealed class NextService(IConfiguration configuration) : IDisposable
{
    public GrpcChannel? Channel { get; } =
        string.IsNullOrEmpty(configuration["services:next:grpc:0"]) ? null : GrpcChannel.ForService(configuration, "next");

    public void Dispose() => Channel?.Dispose();
}
