using System.Diagnostics;
using System.Reflection;
using Mlops.Inference;

namespace Mlops.Deployment.Gateway;

/// <summary>
/// The Open Inference Protocol's view of the gateway. A model name is an endpoint name. Without a version a request
/// goes where the endpoint's traffic sends it (pinned by the sticky header's value when the traffic names one); with a
/// version it goes to the deployment of that name, whatever the traffic. Answers carry the deployment's name as the
/// model version and a request id (the caller's, or a generated one). Mirrors get a copy of routed requests in the
/// background; their answers are recorded, never returned.
/// </summary>
public sealed class GatewayModelHost(
    GatewayTable table, IHttpContextAccessor httpContextAccessor, InferenceRecorder recorder, IHostApplicationLifetime lifetime, ILogger<GatewayModelHost> logger)
    : IInferenceModelHost
{
    private const int MaxMirrorsInFlight = 256;
    private static readonly TimeSpan MirrorTimeout = TimeSpan.FromSeconds(30);
    private static readonly ServerMetadata Server = new(
        "mlops-deployment", typeof(GatewayModelHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0");

    private int _mirrorsInFlight;

    public ValueTask<ServerMetadata> GetServerMetadataAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Server);

    public ValueTask<bool> IsLiveAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);

    public ValueTask<bool> IsReadyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(table.IsInitialized);

    public ValueTask<HostedModel?> FindModelAsync(string name, string? version, CancellationToken cancellationToken)
    {
        var routes = table.Endpoint(name);
        if (routes is null)
        {
            return ValueTask.FromResult<HostedModel?>(null);
        }

        ServedDeployment? deployment;
        if (version is not null)
        {
            deployment = routes.Deployments.GetValueOrDefault(version);
            if (deployment is null)
            {
                return ValueTask.FromResult<HostedModel?>(null);
            }
        }
        else
        {
            var http = httpContextAccessor.HttpContext;
            var sticky = routes.StickyHeader.Length > 0 && http is not null && http.Request.Headers.TryGetValue(routes.StickyHeader, out var value) && value.Count > 0
                ? value.ToString()
                : null;
            deployment = routes.Pick(sticky)
                ?? throw new InferenceException(InferenceErrorCode.Unavailable, $"Endpoint '{name}' has no traffic: no deployment takes its requests yet (Endpoints.SetTraffic).");
        }

        if (httpContextAccessor.HttpContext is { } context)
        {
            context.Items[GatewayRequestItems.Endpoint] = routes.Name;
            context.Items[GatewayRequestItems.Deployment] = deployment.Name;
        }

        return ValueTask.FromResult<HostedModel?>(deployment.Hosted);
    }

    public async Task<InferenceResponse> InferAsync(HostedModel model, InferenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        var routes = table.Endpoint(request.ModelName);
        var deployment = routes?.Deployments.GetValueOrDefault(model.Version ?? string.Empty);
        var served = deployment?.Model
            ?? throw new InferenceException(InferenceErrorCode.Unavailable, $"Deployment '{model.Version}' of endpoint '{request.ModelName}' stopped being ready.");
        var requestId = request.Id ?? Guid.NewGuid().ToString("N");
        var sampled = recorder.ShouldSample();
        var start = Stopwatch.GetTimestamp();
        InferenceResponse response;
        try
        {
            response = await served.InferAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (sampled)
        {
            recorder.Record(requestId, deployment!, request, null, Stopwatch.GetElapsedTime(start).TotalMilliseconds, mirrored: false, e.Message);
            throw;
        }

        if (sampled)
        {
            recorder.Record(requestId, deployment!, request, response, Stopwatch.GetElapsedTime(start).TotalMilliseconds, mirrored: false, string.Empty);
        }

        // Only routed requests are mirrored: one aimed at a deployment by name asked for that deployment alone.
        if (request.ModelVersion is null && routes!.Mirrors.Count > 0)
        {
            Mirror(routes, deployment!, request, requestId);
        }

        return response with { ModelVersion = deployment!.Name, Id = requestId };
    }

    private void Mirror(EndpointRoutes routes, ServedDeployment primary, InferenceRequest request, string requestId)
    {
        foreach (var (mirror, percent) in routes.Mirrors)
        {
            if (ReferenceEquals(mirror, primary) || Random.Shared.Next(100) >= percent)
            {
                continue;
            }

            if (Interlocked.Increment(ref _mirrorsInFlight) > MaxMirrorsInFlight)
            {
                // A slow mirror must not pile up work behind the primary: beyond the cap the copy is skipped.
                Interlocked.Decrement(ref _mirrorsInFlight);
                continue;
            }

            _ = Task.Run(() => RunMirrorAsync(mirror, request, requestId));
        }
    }

    private async Task RunMirrorAsync(ServedDeployment mirror, InferenceRequest request, string requestId)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping, mirror.Unloaded);
            timeout.CancelAfter(MirrorTimeout);
            var model = mirror.Model ?? throw new InferenceException(InferenceErrorCode.Unavailable, $"Mirror deployment '{mirror.Name}' is not ready.");
            InferenceValidator.Validate(request, model.Metadata);
            var response = await model.InferAsync(request, timeout.Token).ConfigureAwait(false);
            recorder.Record(requestId, mirror, request, response, Stopwatch.GetElapsedTime(start).TotalMilliseconds, mirrored: true, string.Empty);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Mirror deployment {Deployment} failed", mirror.Name);
            recorder.Record(requestId, mirror, request, null, Stopwatch.GetElapsedTime(start).TotalMilliseconds, mirrored: true, e.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _mirrorsInFlight);
        }
    }
}
