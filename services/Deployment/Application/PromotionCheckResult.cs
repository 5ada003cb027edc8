namespace Mlops.Deployment.Application;

/// <summary>One staging check: its name (input_example, signature, load_test), whether it passed, and what was measured or went wrong.</summary>
public sealed record PromotionCheckResult(string Name, bool Passed, string Detail);
