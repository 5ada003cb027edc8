namespace Mlops.Registry.Application;

/// <summary>Where a version is in its upload's lifecycle (mlops.registry.v1.ModelVersionStatus).</summary>
public enum ModelVersionState
{
    /// <summary>The header reserved the number; the artifact is still arriving. Nothing may use the version yet.</summary>
    PendingUpload,

    /// <summary>The artifact is complete, verified and immutable: the only state in which a version is downloaded, resolved or approved.</summary>
    Ready,

    /// <summary>The upload stopped with no answer to its client (a crash, a lost lease); its blobs are deleted and its number stays unused.</summary>
    Failed,
}
