using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Mlops.Deployment.Gateway;

/// <summary>
/// The gateway's instruments, meter <see cref="MeterName"/>: the duration of each inference request and the count of
/// those that failed, by endpoint, deployment and outcome (the gRPC status name in snake case, e.g. <c>ok</c>,
/// <c>invalid_argument</c>, <c>unavailable</c>); the inference records dropped because the queue was full; and the
/// artifacts downloaded from the registry.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Mlops.Deployment.Gateway";
    public const string RequestDurationName = "mlops.gateway.request.duration";
    public const string RequestErrorsName = "mlops.gateway.request.errors";
    public const string RecordsDroppedName = "mlops.gateway.records.dropped";
    public const string ArtifactDownloadsName = "mlops.gateway.artifact.downloads";

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _recordsDropped;
    private readonly Counter<long> _artifactDownloads;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _duration = meter.CreateHistogram<double>(RequestDurationName, "s", "Inference requests through the gateway, from routing to the answer.");
        _errors = meter.CreateCounter<long>(RequestErrorsName, "{request}", "Inference requests that did not answer OK.");
        _recordsDropped = meter.CreateCounter<long>(RecordsDroppedName, "{record}", "Inference records dropped because the publisher's queue was full.");
        _artifactDownloads = meter.CreateCounter<long>(ArtifactDownloadsName, "{artifact}", "Artifacts fetched from the registry into the cache, by whether they matched their digest.");
    }

    public void RequestCompleted(string endpoint, string deployment, string outcome, double seconds)
    {
        var tags = new TagList { { "endpoint", endpoint }, { "deployment", deployment }, { "outcome", outcome } };
        _duration.Record(seconds, tags);
        if (outcome != "ok")
        {
            _errors.Add(1, tags);
        }
    }

    public void RecordDropped() => _recordsDropped.Add(1);

    /// <param name="outcome"><c>verified</c>, <c>mismatch</c> or <c>failed</c>.</param>
    public void ArtifactDownloaded(string outcome) => _artifactDownloads.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
