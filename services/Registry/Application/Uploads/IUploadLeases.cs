namespace Mlops.Registry.Application.Uploads;

/// <summary>Keeps the leases of the uploads this instance is receiving, so that no other instance sweeps them.</summary>
public interface IUploadLeases
{
    IUploadLease Hold(Guid versionId);
}
