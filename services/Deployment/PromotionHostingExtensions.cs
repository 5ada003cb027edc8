using MassTransit;
using Mlops.Deployment.Application;
using Mlops.Deployment.Consumers;
using Mlops.Deployment.Infrastructure;

namespace Mlops.Deployment;

public static class PromotionHostingExtensions
{
    /// <summary>
    /// The promotion pipeline: routes and promotions (mlops.deployment.v1.Promotions), the runner that advances them
    /// (section <c>Promotion</c>, see <see cref="PromotionOptions"/>), and the registry's versions. Part of
    /// AddDeployment, whose messaging registers <see cref="AddPromotionConsumers"/>.
    /// </summary>
    public static IHostApplicationBuilder AddPromotions(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<PromotionOptions>().Bind(builder.Configuration.GetSection(PromotionOptions.Section));
        services.AddScoped<IPromotionStore, EfPromotionStore>();
        services.AddScoped<IPromotionModelVersions, RegistryModelVersions>();
        services.AddScoped<PromotionRouteUseCases>();
        services.AddScoped<PromotionUseCases>();
        services.AddScoped<PromotionTriggers>();
        services.AddScoped<PromotionStepper>();
        services.AddHostedService<PromotionRunner>();
        return builder;
    }

    /// <summary>The consumers of ModelVersionApproved and DeploymentAlertRaised, on one queue (<c>Promotion:Queue</c>) that every instance shares.</summary>
    public static void AddPromotionConsumers(this IBusRegistrationConfigurator bus, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(configuration);
        var queue = configuration.GetSection(PromotionOptions.Section).Get<PromotionOptions>()?.Queue ?? new PromotionOptions().Queue;

        // One message at a time, in the order published: an approval is handled before a later alert, a rollback before a later approval.
        bus.AddConsumer<ModelVersionApprovedConsumer>().Endpoint(endpoint => Configure(endpoint, queue));
        bus.AddConsumer<DeploymentAlertRaisedConsumer>().Endpoint(endpoint => Configure(endpoint, queue));
    }

    private static void Configure(IEndpointRegistrationConfigurator endpoint, string queue)
    {
        endpoint.Name = queue;
        endpoint.ConcurrentMessageLimit = 1;
    }
}
