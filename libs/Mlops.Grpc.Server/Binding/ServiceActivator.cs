using Microsoft.Extensions.DependencyInjection;

namespace Mlops.Grpc.Server.Binding;

/// <summary>Gets the service instance of a call: from DI when registered, otherwise one per call.</summary>
internal sealed class ServiceActivator<TService>
    where TService : class
{
    private readonly bool _registered;
    private readonly ObjectFactory<TService>? _factory;

    public ServiceActivator(IServiceProvider services)
    {
        _registered = services.GetService<IServiceProviderIsService>()?.IsService(typeof(TService)) == true;
        _factory = _registered ? null : ActivatorUtilities.CreateFactory<TService>(Type.EmptyTypes);
    }

    public TService Create(IServiceProvider requestServices) =>
        _registered ? requestServices.GetRequiredService<TService>() : _factory!(requestServices, null);

    public async ValueTask ReleaseAsync(TService service)
    {
        if (_registered)
        {
            return;
        }

        switch (service)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
