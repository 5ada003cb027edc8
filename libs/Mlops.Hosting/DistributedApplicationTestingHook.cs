namespace Mlops.Hosting;

/// <summary>
/// Lets the testing entry point run an AppHost's own Program: it adjusts the builder the Program creates (ports, state
/// folder, a subset of resources) and takes the application it builds, whose Run then returns at once so the test
/// starts and stops it. Flows with the test's async context only, so parallel tests do not see each other's hooks.
/// </summary>
internal sealed class DistributedApplicationTestingHook(Action<DistributedApplicationBuilder> configureBuilder)
{
    private static readonly AsyncLocal<DistributedApplicationTestingHook?> Ambient = new();

    public static DistributedApplicationTestingHook? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    public DistributedApplication? Application { get; private set; }

    public void ConfigureBuilder(DistributedApplicationBuilder builder) => configureBuilder(builder);

    public void Capture(DistributedApplication application)
    {
        application.IsOwnedByTest = true;
        Application = application;
    }
}
