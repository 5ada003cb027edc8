using Microsoft.Extensions.Logging;

namespace Mlops.LocalInfrastructure;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "{Resource}: starting on {Endpoint}")]
    public static partial void Starting(ILogger logger, string resource, string endpoint);

    [LoggerMessage(2, LogLevel.Information, "{Resource}: running, pid {ProcessId}, {Endpoint} ({ElapsedMs} ms)")]
    public static partial void Started(ILogger logger, string resource, int processId, string endpoint, long elapsedMs);

    [LoggerMessage(3, LogLevel.Information, "{Resource}: already running, pid {ProcessId}")]
    public static partial void AlreadyRunning(ILogger logger, string resource, int processId);

    [LoggerMessage(4, LogLevel.Warning, "{Resource}: pid {ProcessId} in {PidFile} is gone; starting afresh")]
    public static partial void StalePidFile(ILogger logger, string resource, int processId, string pidFile);

    [LoggerMessage(5, LogLevel.Information, "{Resource}: stopped pid {ProcessId}")]
    public static partial void Stopped(ILogger logger, string resource, int processId);

    [LoggerMessage(6, LogLevel.Warning, "{Resource}: {Missing} is missing; running {Script}")]
    public static partial void InstallingPrerequisites(ILogger logger, string resource, string missing, string script);

    [LoggerMessage(7, LogLevel.Information, "{Resource}: creating {What}")]
    public static partial void Creating(ILogger logger, string resource, string what);
}
