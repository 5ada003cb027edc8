using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mlops.Inference;

public static class InferenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the protocol layer over the <see cref="IInferenceModelHost"/> the application registers;
    /// then map <c>Grpc.GrpcInferenceService</c> with MapGrpcService and the REST form with MapOpenInferenceRest.
    /// </summary>
    public static IServiceCollection AddOpenInference(this IServiceCollection services)
    {
        services.TryAddSingleton<InferenceDispatcher>();
        return services;
    }
}
