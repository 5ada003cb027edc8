using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Mlops.EventContracts;
using Mlops.Inference;
using Mlops.Resources;

namespace Mlops.Deployment.Gateway;

/// <summary>
/// Picks the sample of requests to record (<see cref="GatewayOptions.RecordSampleRate"/>) and queues their records in
/// a bounded channel for <see cref="InferenceRecordPublisher"/>. A full queue drops the record and counts it: a
/// request never waits on monitoring (docs/decisions/0007-inference-records-bypass-the-outbox.md).
/// </summary>
public sealed class InferenceRecorder
{
    private readonly double _sampleRate;
    private readonly Channel<InferenceRecorded> _queue;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _timeProvider;

    public InferenceRecorder(IOptions<GatewayOptions> options, GatewayMetrics metrics, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sampleRate = Math.Clamp(options.Value.RecordSampleRate, 0, 1);
        _queue = Channel.CreateBounded<InferenceRecorded>(new BoundedChannelOptions(Math.Max(1, options.Value.RecordQueueCapacity))
        {
            // Wait makes TryWrite refuse when full, which is what lets a drop be counted (the Drop* modes drop silently).
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _metrics = metrics;
        _timeProvider = timeProvider;
    }

    public ChannelReader<InferenceRecorded> Reader => _queue.Reader;

    /// <summary>Whether this request is in the sample.</summary>
    public bool ShouldSample() => _sampleRate >= 1 || (_sampleRate > 0 && Random.Shared.NextDouble() < _sampleRate);

    public void Record(
        string requestId, ServedDeployment deployment, InferenceRequest request, InferenceResponse? response, double latencyMs, bool mirrored, string error)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(request);
        var info = deployment.Info;
        var record = new InferenceRecorded(
            Guid.NewGuid(), _timeProvider.GetUtcNow(), ResourceNames.Deployment, EventSubjects.Deployment(info.Endpoint, info.Name), requestId, info.Endpoint,
            info.Name, info.Model.ModelName, info.Resolved.Version, [.. request.Inputs.Select(Describe)], response is null ? [] : [.. response.Outputs.Select(Describe)],
            latencyMs, mirrored, error);
        if (!_queue.Writer.TryWrite(record))
        {
            _metrics.RecordDropped();
        }
    }

    private static RecordedTensor Describe(InferenceTensor tensor)
    {
        var data = tensor.Data;
        if (data is byte[][] bytes)
        {
            return new RecordedTensor(tensor.Name, tensor.DataType.ToWireName(), tensor.Shape, [], [.. bytes.Select(b => Encoding.UTF8.GetString(b))]);
        }

        var values = new double?[data.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var value = data.GetValue(i) switch
            {
                bool b => b ? 1 : 0,
                Half h => (double)h,
                var v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture),
            };
            values[i] = double.IsFinite(value) ? value : null;
        }

        return new RecordedTensor(tensor.Name, tensor.DataType.ToWireName(), tensor.Shape, values, []);
    }
}
