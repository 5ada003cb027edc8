using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mlops.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ at <paramref name="amqpUri"/>, the outbox of <typeparamref name="TDbContext"/>
    /// (<see cref="IOutbox"/>) and its relay. The DbContext itself is registered by the service, with
    /// <see cref="AddOutboxNudges"/> on its options and <c>AddOutboxAndInbox()</c> in its model.
    /// </summary>
    public static IServiceCollection AddMlopsMessaging<TDbContext>(
        this IServiceCollection services,
        Uri amqpUri,
        Action<IBusRegistrationConfigurator>? configureConsumers = null,
        Action<OutboxRelayOptions>? configureRelay = null)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(amqpUri);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutboxSignal>();
        services.AddOptions<OutboxRelayOptions>().Configure(options => configureRelay?.Invoke(options));
        services.AddScoped<IOutbox, Outbox<TDbContext>>();
        services.AddHostedService<OutboxRelay<TDbContext>>();
        services.AddMassTransit(bus =>
        {
            configureConsumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(amqpUri);
                rabbit.ConfigureEndpoints(context);
            });
        });
        return services;
    }

    /// <summary>Wakes the relay after each SaveChanges and commit of this DbContext instead of at its next poll.</summary>
    public static DbContextOptionsBuilder AddOutboxNudges(this DbContextOptionsBuilder optionsBuilder, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        return optionsBuilder.AddInterceptors(new OutboxNudgeInterceptor(services.GetRequiredService<OutboxSignal>()));
    }
}
