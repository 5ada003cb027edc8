using Mlops.Registry.Application.Approvals;

namespace Mlops.Registry.Application.Aliases;

/// <summary>
/// An alias while the store holds its model against other alias changes: where it points now (null: nowhere), the
/// version it is to point at (null: no such version, or a delete), the model's policy (null while never set) and
/// how many aliases the model has.
/// </summary>
public sealed record AliasUnderChange(
    ModelInfo Model,
    string Alias,
    StoredAlias? Current,
    AliasTarget? Target,
    ApprovalPolicyInfo? Policy,
    int AliasCount);
