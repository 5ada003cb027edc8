namespace Mlops.Registry.Infrastructure.Caching;

/// <summary>An entity whose change changes what a read of its model's versions returns (a version, an alias, a decision).</summary>
public interface IModelScoped
{
    Guid ModelId { get; }
}
