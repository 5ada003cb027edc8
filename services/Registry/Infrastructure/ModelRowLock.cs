namespace Mlops.Registry.Infrastructure;

/// <summary>
/// How strongly a transaction holds a model's row (PostgreSQL row-level lock modes). Approvals, alias changes, policy
/// changes and deletion each take the weakest mode that keeps out what would make their checks stale.
/// </summary>
internal enum ModelRowLock
{
    /// <summary>Keeps out deletion and policy changes; decisions on different versions go on side by side.</summary>
    KeyShare,

    /// <summary>Also keeps out other alias changes of the model (and waits for a registration numbering a version).</summary>
    NoKeyUpdate,

    /// <summary>Keeps out everything else touching the model: for deletion and policy changes.</summary>
    Update,
}
