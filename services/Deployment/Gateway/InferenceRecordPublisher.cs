using MassTransit;

namespace Mlops.Deployment.Gateway;

/// <summary>Publishes the queued inference records to the bus, one at a time; a record the bus refuses is logged and dropped.</summary>
public sealed class InferenceRecordPublisher(InferenceRecorder recorder, IBus bus, GatewayMetrics metrics, ILogger<InferenceRecordPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var record in recorder.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await bus.Publish(record, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    metrics.RecordDropped();
                    logger.LogWarning(e, "An inference record of {Subject} could not be published and is dropped", record.Subject);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
