namespace Mlops.Deployment.Application;

/// <summary>The staging checks a route runs, and the load test's size.</summary>
public sealed record PromotionChecks(bool InputExample, bool Signature, bool LoadTest, int LoadTestRequests, int LoadTestConcurrency)
{
    public bool Any => InputExample || Signature || LoadTest;
}
