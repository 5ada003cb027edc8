namespace Mlops.Inference.Tests.Infrastructure;

/// <summary>One server shared by the tests of a collection; tests that change the host's state start their own.</summary>
public sealed class InferenceServerFixture : IAsyncLifetime
{
    public InferenceTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await InferenceTestServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class InferenceServerCollection : ICollectionFixture<InferenceServerFixture>
{
    public const string Name = "inference server";
}
