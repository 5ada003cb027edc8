namespace Mlops.Registry.Application.Uploads;

/// <summary>
/// Proof that an upload is alive, renewed in the background while it is held. Disposing it stops the renewals;
/// <see cref="Lost"/> is canceled when the registry learns that the upload was already given up (swept as expired).
/// </summary>
public interface IUploadLease : IAsyncDisposable
{
    CancellationToken Lost { get; }
}
