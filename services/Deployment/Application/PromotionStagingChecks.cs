using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Mlops.Inference;
using Mlops.Inference.Rest;

namespace Mlops.Deployment.Application;

/// <summary>
/// The staging checks, run on the new deployment through the gateway whatever the endpoint's split: inference on the
/// version's input example, its outputs against the signature, and a short load test against the endpoint's p95 limit.
/// </summary>
public static class PromotionStagingChecks
{
    public const string InputExample = "input_example";
    public const string Signature = "signature";
    public const string LoadTest = "load_test";

    public static async Task<IReadOnlyList<PromotionCheckResult>> RunAsync(
        IDeploymentServing serving, EndpointInfo endpoint, string deployment, PromotionModelVersion version, PromotionChecks checks,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serving);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(checks);
        var results = new List<PromotionCheckResult>();
        InferenceRequest? request = null;
        string? why = null;
        try
        {
            request = Example(version, deployment);
        }
        catch (Exception e) when (e is InferenceException or JsonException)
        {
            why = $"the version's input example is not an Open Inference Protocol request: {e.Message}";
        }

        if (string.IsNullOrEmpty(version.InputExample))
        {
            why = "the version has no input example";
        }

        InferenceResponse? response = null;
        if (checks.InputExample || checks.Signature)
        {
            if (request is null)
            {
                results.Add(new PromotionCheckResult(InputExample, false, why!));
            }
            else
            {
                try
                {
                    response = await serving.InferAsync(endpoint.Name, deployment, request, cancellationToken).ConfigureAwait(false);
                    results.Add(new PromotionCheckResult(InputExample, true, $"{response.Outputs.Count} output(s): {string.Join(", ", response.Outputs)}"));
                }
                catch (InferenceException e)
                {
                    results.Add(new PromotionCheckResult(InputExample, false, $"inference failed: {e.Message}"));
                }
            }
        }

        if (checks.Signature)
        {
            results.Add(response is null
                ? new PromotionCheckResult(Signature, false, "no outputs to compare: the input example did not run")
                : CompareOutputs(version.Outputs, response.Outputs));
        }

        if (checks.LoadTest)
        {
            results.Add(request is null
                ? new PromotionCheckResult(LoadTest, false, why!)
                : await LoadTestAsync(serving, endpoint, deployment, request, checks, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>The outputs match the signature's: the same names, each with its datatype and a shape that fits (-1: any size).</summary>
    public static PromotionCheckResult CompareOutputs(IReadOnlyList<PromotionTensor> expected, IReadOnlyList<InferenceTensor> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (expected.Count == 0)
        {
            return new PromotionCheckResult(Signature, false, "the version's signature declares no outputs");
        }

        var problems = new List<string>();
        var byName = actual.ToDictionary(tensor => tensor.Name, StringComparer.Ordinal);
        foreach (var spec in expected)
        {
            if (!byName.Remove(spec.Name, out var tensor))
            {
                problems.Add($"output '{spec.Name}' is missing");
                continue;
            }

            if (tensor.DataType.ToWireName() != spec.Datatype)
            {
                problems.Add($"output '{spec.Name}' is {tensor.DataType.ToWireName()}, the signature says {spec.Datatype}");
            }

            if (!ShapeFits(spec.Shape, tensor.Shape))
            {
                problems.Add($"output '{spec.Name}' has shape {TensorShape.Format(tensor.Shape)}, the signature says {TensorShape.Format(spec.Shape)}");
            }
        }

        problems.AddRange(byName.Keys.Order(StringComparer.Ordinal).Select(name => $"output '{name}' is not in the signature"));
        return problems.Count == 0
            ? new PromotionCheckResult(Signature, true, $"{expected.Count} output(s) match the signature")
            : new PromotionCheckResult(Signature, false, string.Join("; ", problems));
    }

    public static bool ShapeFits(IReadOnlyList<long> expected, IReadOnlyList<long> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        return expected.Count == actual.Count && expected.Zip(actual).All(pair => pair.First == TensorMetadata.VariableDimension || pair.First == pair.Second);
    }

    /// <summary>The nearest-rank 95th percentile.</summary>
    public static double P95(IReadOnlyList<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            return 0;
        }

        var sorted = samples.Order().ToArray();
        return sorted[(int)Math.Ceiling(0.95 * sorted.Length) - 1];
    }

    private static InferenceRequest Example(PromotionModelVersion version, string deployment)
    {
        using var document = JsonDocument.Parse(version.InputExample);
        return OpenInferenceJson.ReadRequest(document.RootElement, deployment, null);
    }

    private static async Task<PromotionCheckResult> LoadTestAsync(
        IDeploymentServing serving, EndpointInfo endpoint, string deployment, InferenceRequest request, PromotionChecks checks, CancellationToken cancellationToken)
    {
        var latencies = new double[checks.LoadTestRequests];
        var failures = 0;
        string? firstFailure = null;
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(checks.LoadTestConcurrency, checks.LoadTestRequests)).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < latencies.Length)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await serving.InferAsync(endpoint.Name, deployment, request, cancellationToken).ConfigureAwait(false);
                }
                catch (InferenceException e)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, e.Message, null);
                }

                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        });
        await Task.WhenAll(workers).ConfigureAwait(false);

        var p95 = P95(latencies);
        var limit = endpoint.P95LatencyLimitMs;
        var measured = string.Create(
            CultureInfo.InvariantCulture,
            $"p95 {p95:0.###} ms over {latencies.Length} requests, {checks.LoadTestConcurrency} at a time ({(limit == 0 ? "no limit" : $"limit {limit} ms")})");
        if (failures > 0)
        {
            return new PromotionCheckResult(LoadTest, false, string.Create(CultureInfo.InvariantCulture, $"{failures} of {latencies.Length} requests failed, first: {firstFailure}; {measured}"));
        }

        return new PromotionCheckResult(LoadTest, limit == 0 || p95 <= limit, measured);
    }
}
