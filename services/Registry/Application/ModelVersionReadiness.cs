using System.Globalization;

namespace Mlops.Registry.Application;

/// <summary>The one rule every use of a version obeys: only a READY version (its artifact complete) may be used.</summary>
public static class ModelVersionReadiness
{
    /// <summary>Refuses, with FAILED_PRECONDITION, a version whose upload is still running or failed.</summary>
    public static void Ensure(ModelVersionState state, string modelName, int version, string stateMessage = "")
    {
        switch (state)
        {
            case ModelVersionState.Ready:
                return;
            case ModelVersionState.PendingUpload:
                throw RegistryException.FailedPrecondition(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Version {version} of model '{modelName}' is PENDING_UPLOAD: its artifact is still being uploaded, and only a READY version may be used."));
            default:
                throw RegistryException.FailedPrecondition(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Version {version} of model '{modelName}' is FAILED: its upload did not complete ({stateMessage}). Upload the artifact again as a new version."));
        }
    }
}
