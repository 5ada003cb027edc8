namespace Mlops.Hosting.Orchestration;

public enum HealthStatus
{
    Unknown,
    Healthy,
    Unhealthy,
}
