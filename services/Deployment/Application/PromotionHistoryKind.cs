namespace Mlops.Deployment.Application;

/// <summary>What a history entry records; spelled in the proto and in events by <see cref="PromotionNames.Kind"/>.</summary>
public enum PromotionHistoryKind
{
    Started,
    StepStarted,
    StepSucceeded,
    StepFailed,
    CheckPassed,
    CheckFailed,
    Approved,
    Rejected,
    TimedOut,
    TrafficShifted,
    RolledBack,
    Cancelled,
    Succeeded,
}
