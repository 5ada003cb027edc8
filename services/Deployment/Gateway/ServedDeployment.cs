using Mlops.Deployment.Application;
using Mlops.Inference;

namespace Mlops.Deployment.Gateway;

/// <summary>One deployment in this instance's gateway: what the database says of it, and where its model is.</summary>
public sealed class ServedDeployment(DeploymentInfo info)
{
    private static readonly DeploymentReadiness Loading = new(ServingState.Loading, string.Empty);

    private readonly CancellationTokenSource _unloaded = new();
    private volatile DeploymentReadiness _readiness = Loading;
    private volatile ServedModel? _model;

    // What the protocol layer is given for each request, built once per state rather than per request.
    private volatile HostedModel? _hosted;
    private volatile bool _isLoading;
    private int _failedAttempts;

    // Ticks (UTC) rather than a DateTimeOffset: written by the load task, read by the reconciler, never torn.
    private long _nextAttemptTicks;

    public DeploymentInfo Info { get; } = info;

    public string Name => Info.Name;

    public DeploymentReadiness Readiness => _readiness;

    /// <summary>The model, once Ready.</summary>
    public ServedModel? Model => _model;

    public bool IsReady => _model is not null;

    /// <summary>The deployment as the protocol sees it: the endpoint's model at version = this deployment's name.</summary>
    public HostedModel Hosted
    {
        get
        {
            // Checked against the model on each read: an instance built just before SetReady is never kept as the answer.
            var hosted = _hosted;
            var model = _model;
            if (hosted is null || hosted.IsReady != (model is not null))
            {
                hosted = new HostedModel(model?.Metadata ?? Metadata, Name, model is not null);
                _hosted = hosted;
            }

            return hosted;
        }
    }

    /// <summary>The metadata as served, or none (no inputs, no outputs) before the model is ready.</summary>
    public ModelMetadata Metadata => _model?.Metadata ?? new ModelMetadata(Info.Endpoint, [], []) { Versions = [Info.Name] };

    /// <summary>Canceled once the deployment left the database (or was replaced by a new one of the same name).</summary>
    public CancellationToken Unloaded => _unloaded.Token;

    /// <summary>Failed attempts so far; the next waits longer.</summary>
    public int FailedAttempts => Volatile.Read(ref _failedAttempts);

    /// <summary>When the reconciler may try again after a failure.</summary>
    public DateTimeOffset NextAttempt => new(Volatile.Read(ref _nextAttemptTicks), TimeSpan.Zero);

    /// <summary>Whether a load is running now.</summary>
    public bool IsLoading
    {
        get => _isLoading;
        set => _isLoading = value;
    }

    /// <summary>Whether the database row is this one (a deleted and re-created deployment is another).</summary>
    public bool IsSame(DeploymentInfo other) =>
        other.CreateTime == Info.CreateTime && other.Resolved == Info.Resolved && other.Runtime == Info.Runtime;

    public void SetReady(ServedModel model)
    {
        _model = model;
        _readiness = new DeploymentReadiness(ServingState.Ready, string.Empty);
    }

    public void SetFailed(string reason, DateTimeOffset now, TimeSpan maxDelay)
    {
        var attempts = Interlocked.Increment(ref _failedAttempts);
        var delay = TimeSpan.FromSeconds(Math.Min(maxDelay.TotalSeconds, Math.Pow(2, Math.Min(attempts - 1, 16))));
        Volatile.Write(ref _nextAttemptTicks, (now + delay).UtcTicks);
        _readiness = new DeploymentReadiness(ServingState.Failed, reason);
    }

    public async ValueTask UnloadAsync()
    {
        await _unloaded.CancelAsync().ConfigureAwait(false);
        var model = _model;
        _model = null;
        _readiness = new DeploymentReadiness(ServingState.Failed, $"Deployment '{Name}' of endpoint '{Info.Endpoint}' was removed.");
        if (model is not null)
        {
            await model.DisposeAsync().ConfigureAwait(false);
        }
    }
}
