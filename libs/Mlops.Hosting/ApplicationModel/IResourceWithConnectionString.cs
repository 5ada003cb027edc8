namespace Mlops.Hosting.ApplicationModel;

/// <summary>A resource others reach through a connection string: <c>ConnectionStrings__{Name}</c> in their environment.</summary>
public interface IResourceWithConnectionString : IResource
{
    string ConnectionString { get; }
}
