namespace Mlops.Hosting.Orchestration;

public enum ResourceRunState
{
    NotStarted,

    /// <summary>Waiting for the resources it waits for to be healthy.</summary>
    Waiting,
    Starting,
    Running,

    /// <summary>Its process ended without being asked to; a restart follows after a backoff.</summary>
    Exited,
    FailedToStart,
    Stopping,
    Stopped,

    /// <summary>It was already running before this AppHost started, so the AppHost leaves it running.</summary>
    LeftRunning,
}
