using Mlops.Registry.Application;

namespace Mlops.Registry.Infrastructure;

/// <summary>How <c>model_versions.status</c> spells each state; the immutability trigger and the sweeper's SQL use the same words.</summary>
internal static class ModelVersionStatuses
{
    public const string PendingUpload = "pending_upload";
    public const string Ready = "ready";
    public const string Failed = "failed";

    public static string Of(ModelVersionState state) => state switch
    {
        ModelVersionState.PendingUpload => PendingUpload,
        ModelVersionState.Ready => Ready,
        ModelVersionState.Failed => Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static ModelVersionState Parse(string status) => status switch
    {
        PendingUpload => ModelVersionState.PendingUpload,
        Ready => ModelVersionState.Ready,
        Failed => ModelVersionState.Failed,
        _ => throw new InvalidOperationException($"Unknown model version status '{status}'."),
    };
}
