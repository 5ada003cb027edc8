namespace Mlops.Deployment.Application;

public sealed record PromotionRoutePage(IReadOnlyList<PromotionRoute> Routes, string NextPageToken);
