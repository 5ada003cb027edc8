namespace Mlops.Deployment.Application;

/// <summary>What the pipeline needs of a registered version: whether it is approved, who created it, its signature and input example (JSON, empty: none).</summary>
public sealed record PromotionModelVersion(
    int Version,
    bool IsApproved,
    string CreatedBy,
    IReadOnlyList<PromotionTensor> Inputs,
    IReadOnlyList<PromotionTensor> Outputs,
    string InputExample);
