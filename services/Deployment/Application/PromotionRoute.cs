namespace Mlops.Deployment.Application;

/// <summary>
/// The endpoints a model's versions are promoted through: <see cref="StagingEndpoint"/> (empty: none), then
/// <see cref="ProductionEndpoint"/>, past a gate that <see cref="Approvers"/> (<c>user:</c>/<c>group:</c>) decide.
/// </summary>
public sealed record PromotionRoute(
    string Workspace,
    string ModelName,
    string StagingEndpoint,
    string ProductionEndpoint,
    IReadOnlyList<string> Approvers,
    int GateTimeoutSeconds,
    PromotionChecks Checks,
    string CreatedBy,
    DateTimeOffset CreateTime);
