using System.Reflection;
using Mlops.Hosting.Orchestration;
using Mlops.LocalInfrastructure;

namespace Mlops.Hosting.Testing;

/// <summary>
/// Runs an AppHost's Program as a test fixture: the model the Program declares, on free ports and a state folder of
/// its own (so tests and a developer's running AppHost never meet), started and healthy when this returns.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    /// <typeparam name="TEntryPoint">Any type of the AppHost's assembly; its <c>Program</c> by convention.</typeparam>
    public static async Task<TestingApplication> StartAsync<TEntryPoint>(DistributedApplicationTestingOptions? options = null, CancellationToken cancellationToken = default)
        where TEntryPoint : class
    {
        options ??= new DistributedApplicationTestingOptions();
        var stateDirectory = Path.Combine(Path.GetTempPath(), $"mlops-app-{Guid.NewGuid():N}"[..21]);
        Directory.CreateDirectory(stateDirectory);
        var infrastructure = new LocalInfrastructureOptions
        {
            StateDirectory = stateDirectory,
            RepositoryRoot = LocalInfrastructureOptions.FindRepositoryRoot(AppContext.BaseDirectory),
            PostgresPort = PortAllocator.FreePort(),
            RabbitMqPort = PortAllocator.FreePort(),
            RabbitMqEpmdPort = PortAllocator.FreePort(),
            RabbitMqDistributionPort = PortAllocator.FreePort(),
            AzuriteBlobPort = PortAllocator.FreePort(),
        };

        var application = Build<TEntryPoint>(options, builder =>
        {
            builder.Options.Infrastructure = infrastructure;
            builder.Options.RandomizePorts = true;
            builder.Options.ShowResourceTable = false;
            builder.Options.WriteLogsToConsole = options.WriteLogsToConsole;
            builder.Options.OnlyResources = options.Resources;
        });

        var testing = new TestingApplication(application, stateDirectory);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.StartTimeout);
            await application.StartAsync(timeout.Token).ConfigureAwait(false);
            await testing.WaitForHealthyAsync(timeout.Token).ConfigureAwait(false);
            return testing;
        }
        catch
        {
            await testing.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static DistributedApplication Build<TEntryPoint>(DistributedApplicationTestingOptions options, Action<DistributedApplicationBuilder> configure)
    {
        var entryPoint = typeof(TEntryPoint).Assembly.EntryPoint
            ?? throw new InvalidOperationException($"{typeof(TEntryPoint).Assembly.GetName().Name} has no entry point; pass a type of the AppHost's assembly.");
        var hook = new DistributedApplicationTestingHook(configure);
        DistributedApplicationTestingHook.Current = hook;
        try
        {
            object?[] arguments = entryPoint.GetParameters().Length == 0 ? [] : [options.Args.ToArray()];
            entryPoint.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidOperationException($"The AppHost's entry point failed: {e.InnerException.Message}", e.InnerException);
        }
        finally
        {
            DistributedApplicationTestingHook.Current = null;
        }

        return hook.Application ?? throw new InvalidOperationException("The AppHost's entry point returned without building a DistributedApplication.");
    }
}
