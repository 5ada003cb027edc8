namespace Mlops.Deployment.Application;

public sealed record PromotionPage(IReadOnlyList<PromotionInfo> Promotions, string NextPageToken);
