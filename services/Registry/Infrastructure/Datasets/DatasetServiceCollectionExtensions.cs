using Mlops.Registry.Application.Datasets;

namespace Mlops.Registry.Infrastructure.Datasets;

internal static class DatasetServiceCollectionExtensions
{
    /// <summary>Datasets, their versions and profiles: the use cases, the EF store and the files beside the model artifacts.</summary>
    public static IServiceCollection AddDatasets(this IServiceCollection services)
    {
        services.AddScoped<BlobArtifactStore>();
        services.AddScoped<IDatasetStore, EfDatasetStore>();
        services.AddScoped<IDatasetFileStore, BlobDatasetFileStore>();
        services.AddScoped<DatasetUseCases>();
        services.AddScoped<DatasetVersionUseCases>();
        return services;
    }
}
