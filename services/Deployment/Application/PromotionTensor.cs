namespace Mlops.Deployment.Application;

/// <summary>A tensor of a registered signature: its Open Inference Protocol datatype and shape (-1: any size).</summary>
public sealed record PromotionTensor(string Name, string Datatype, IReadOnlyList<long> Shape);
