using System.Text.Json;
using Mlops.EventContracts;

namespace Mlops.Registry.Tests.Versions;

/// <summary>The additions to ModelVersionRegistered keep v1 compatible both ways, and events keep value equality.</summary>
public sealed class EventContractTests
{
    // As the outbox and MassTransit write events: System.Text.Json with web defaults.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly ModelVersionRegistered Full = new(
        Guid.NewGuid(), DateTimeOffset.UnixEpoch, "registry", "workspaces/w/models/m/versions/1", "w", "m", 1, "sha256:00", 10, "ann")
    {
        Flavor = "onnx",
        Inputs = [new TensorDescription("x", "FP32", [-1, 4])],
        Outputs = [new TensorDescription("y", "FP64", [-1])],
        Metrics = new Dictionary<string, double> { ["auc"] = 0.93, ["loss"] = 0.1 },
        DatasetVersions = [new DatasetVersionReference("transactions", 7, "TRAINING")],
        SourceCommit = "0123abc",
    };

    [Fact]
    public void A_registered_event_read_back_equals_the_one_sent_and_differs_when_any_collection_does()
    {
        var read = JsonSerializer.Deserialize<ModelVersionRegistered>(JsonSerializer.Serialize(Full, Json), Json)!;

        Assert.Equal(Full, read);
        Assert.Equal(Full.GetHashCode(), read.GetHashCode());
        Assert.NotEqual(Full, read with { Inputs = [new TensorDescription("x", "FP32", [-1, 5])] });
        Assert.NotEqual(Full, read with { Metrics = new Dictionary<string, double> { ["auc"] = 0.93 } });
        Assert.NotEqual(Full, read with { DatasetVersions = [] });
        Assert.NotEqual(Full, read with { VersionNumber = 2 });
    }

    [Fact]
    public void A_consumer_built_on_the_old_v1_reads_the_new_message_and_a_new_consumer_reads_an_old_one()
    {
        var asOld = JsonSerializer.Deserialize<OldModelVersionRegistered>(JsonSerializer.Serialize(Full, Json), Json)!;
        var old = new OldModelVersionRegistered(Full.EventId, Full.OccurredAt, "registry", Full.Subject, "w", "m", 1, "sha256:00", 10, "ann");
        var asNew = JsonSerializer.Deserialize<ModelVersionRegistered>(JsonSerializer.Serialize(old, Json), Json)!;

        Assert.Equal(old, asOld);
        Assert.Equal(Full with { Flavor = "", Inputs = [], Outputs = [], Metrics = new Dictionary<string, double>(), DatasetVersions = [], SourceCommit = "" }, asNew);
    }

    [Fact]
    public void Update_events_compare_their_tags_and_metrics_by_value()
    {
        var updated = new ModelVersionUpdated(
            Guid.NewGuid(), DateTimeOffset.UnixEpoch, "registry", "s", "w", "m", 1, "d",
            new Dictionary<string, string> { ["a"] = "b" }, new Dictionary<string, double> { ["auc"] = 1 }, new Dictionary<string, double>(), ["tags"], "ann", "e");

        var read = JsonSerializer.Deserialize<ModelVersionUpdated>(JsonSerializer.Serialize(updated, Json), Json)!;

        Assert.Equal(updated, read);
        Assert.NotEqual(updated, read with { Tags = new Dictionary<string, string> { ["a"] = "c" } });
    }

    /// <summary>ModelVersionRegistered as v1 was before the additions.</summary>
    private sealed record OldModelVersionRegistered(
        Guid EventId,
        DateTimeOffset OccurredAt,
        string Source,
        string Subject,
        string Workspace,
        string ModelName,
        int VersionNumber,
        string ArtifactDigest,
        long ArtifactSizeBytes,
        string CreatedBy);
}
