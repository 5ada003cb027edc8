using Mlops.Hosting.Testing;

namespace Mlops.AppHost.Tests;

/// <summary>The whole system, as the AppHost's Program declares it, on private ports and state: started once for the collection.</summary>
public sealed class SystemFixture : IAsyncLifetime
{
    private TestingApplication? _application;

    public TestingApplication Application => _application ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _application = await DistributedApplicationTestingBuilder.StartAsync<Program>();

    public async Task DisposeAsync()
    {
        if (_application is not null)
        {
            await _application.DisposeAsync();
        }
    }
}
