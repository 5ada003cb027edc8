using Mlops.Grpc;
using Mlops.Registry.Tests.Infrastructure;
using Mlops.Registry.V1;
using Mlops.Testing;

namespace Mlops.Registry.Tests.Versions;

/// <summary>A version's metadata through the real registry: given in the header, returned by every read, published, refused when wrong.</summary>
[Collection(RegistryCollection.Name)]
public sealed class VersionMetadataTests(RegistryFixture registry)
{
    private const int MiB = 1024 * 1024;

    private RegistryClient Client => registry.Client;

    [Fact]
    public async Task Every_part_of_the_metadata_is_stored_and_returned_by_get()
    {
        var workspace = ModelTests.UniqueName("meta");
        var name = await NewModelAsync(workspace);
        var header = FullHeader(workspace, name);

        var created = await Client.UploadAsync(header);
        var fetched = await Client.GetModelVersionAsync(name, created.Version, workspace);

        Assert.Equal(created, fetched);
        Assert.Equal("xgboost", fetched.Flavor);
        Assert.Equal("xgboost", fetched.Framework);
        Assert.Equal("2.0.3", fetched.FrameworkVersion);
        Assert.Equal(header.Signature, fetched.Signature);
        Assert.Equal(header.InputExample, fetched.InputExample);
        Assert.Equal(header.Metrics, fetched.Metrics);
        Assert.Equal(header.Params, fetched.Params);
        Assert.Equal(header.Source, fetched.Source);
        Assert.Equal(header.DatasetVersions, fetched.DatasetVersions);
        Assert.Equal(fetched.CreateTime, fetched.UpdateTime);
        Assert.NotEmpty(fetched.Etag);
    }

    [Fact]
    public async Task Listings_and_searches_return_the_metadata_but_leave_out_the_input_example()
    {
        var workspace = ModelTests.UniqueName("meta");
        var name = await NewModelAsync(workspace);
        var created = await Client.UploadAsync(FullHeader(workspace, name));

        var listed = (await Client.ListModelVersionsAsync(new ListModelVersionsRequest { Workspace = workspace, ModelName = name })).ModelVersions.Single();
        var found = (await Client.SearchModelVersionsAsync(new SearchModelVersionsRequest { Workspace = workspace, Filter = "flavor = 'xgboost'" })).ModelVersions.Single();

        var withoutExample = created.Clone();
        withoutExample.InputExample = "";
        Assert.Equal(withoutExample, listed);
        Assert.Equal(withoutExample, found);
    }

    [Fact]
    public async Task A_version_without_metadata_has_it_all_empty()
    {
        var workspace = ModelTests.UniqueName("meta");
        var name = await NewModelAsync(workspace);

        var version = await Client.UploadAsync(new ModelVersionHeader { Workspace = workspace, ModelName = name });

        Assert.Equal("", version.Flavor);
        Assert.Null(version.Signature);
        Assert.Null(version.Source);
        Assert.Empty(version.Metrics);
        Assert.Empty(version.DatasetVersions);
        Assert.Equal("", version.InputExample);
        var found = await Client.SearchModelVersionsAsync(new SearchModelVersionsRequest { Workspace = workspace, Filter = "flavor IS NULL AND run_id IS NULL" });
        Assert.Single(found.ModelVersions);
    }

    [Fact]
    public async Task The_registered_event_carries_flavor_signature_metrics_datasets_and_source()
    {
        var workspace = ModelTests.UniqueName("meta");
        var name = await NewModelAsync(workspace);
        var header = FullHeader(workspace, name);

        await Client.UploadAsync(header);

        var registered = await Eventually.ResultAsync(
            () => registry.VersionEvents.FirstOrDefault(e => e.Workspace == workspace && e.ModelName == name),
            "ModelVersionRegistered reaches the test queue");
        Assert.Equal("xgboost", registered.Flavor);
        Assert.Equal("2.0.3", registered.FrameworkVersion);
        Assert.Equal([("features", "FP32", "-1,4")], registered.Inputs.Select(t => (t.Name, t.Datatype, string.Join(",", t.Shape))));
        Assert.Equal([("probabilities", "FP64", "-1,2")], registered.Outputs.Select(t => (t.Name, t.Datatype, string.Join(",", t.Shape))));
        Assert.Equal(0.93, registered.Metrics["auc"]);
        Assert.Equal(-1.5e-3, registered.Metrics["val/loss"]);
        Assert.Equal(
            [("transactions", 7, "TRAINING"), ("transactions", 8, "TEST")],
            registered.DatasetVersions.Select(d => (d.DatasetName, d.Version, d.Role)));
        Assert.Equal("run-42", registered.SourceRunId);
        Assert.Equal("0123abc", registered.SourceCommit);
        Assert.Equal("https://ci.example.com/pipelines/42", registered.SourcePipelineUrl);
    }

    [Fact]
    public async Task An_input_example_of_exactly_1_MiB_round_trips_byte_for_byte_and_one_byte_more_is_refused()
    {
        var workspace = ModelTests.UniqueName("meta");
        var name = await NewModelAsync(workspace);
        var exact = "[\"" + new string('é', (MiB - 4) / 2) + "\"]";
        Assert.Equal(MiB, System.Text.Encoding.UTF8.GetByteCount(exact));

        var created = await Client.UploadAsync(new ModelVersionHeader { Workspace = workspace, ModelName = name, InputExample = exact });
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.UploadAsync(new ModelVersionHeader { Workspace = workspace, ModelName = name, InputExample = exact.Replace("[\"", "[\"x", StringComparison.Ordinal) }));

        Assert.Equal(exact, (await Client.GetModelVersionAsync(name, created.Version, workspace)).InputExample);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("header.input_example is too large: at most 1048576 bytes (1 MiB) of UTF-8, not 1048577.", error.Status.Detail);
    }

    [Theory]
    [InlineData("nan", "header.metrics['auc'] is NaN: a metric must be a finite number.")]
    [InlineData("infinity", "header.metrics['auc'] is Infinity: a metric must be a finite number.")]
    [InlineData("datatype", "header.signature.inputs[0].datatype 'float32' is not an Open Inference Protocol datatype")]
    [InlineData("role", "header.dataset_versions[0].role must be TRAINING, VALIDATION, TEST or OTHER")]
    [InlineData("url", "header.source.pipeline_url 'ci.example.com/42' is invalid")]
    [InlineData("json", "header.input_example is not valid JSON")]
    public async Task Wrong_metadata_is_invalid_argument_naming_the_field_and_stores_nothing(string what, string message)
    {
        var workspace = ModelTests.UniqueName("meta");
        var name = await NewModelAsync(workspace);
        var header = new ModelVersionHeader { Workspace = workspace, ModelName = name };
        switch (what)
        {
            case "nan":
                header.Metrics["auc"] = double.NaN;
                break;
            case "infinity":
                header.Metrics["auc"] = double.PositiveInfinity;
                break;
            case "datatype":
                header.Signature = new ModelSignature { Inputs = { new TensorSpec { Name = "x", Datatype = "float32" } } };
                break;
            case "role":
                header.DatasetVersions.Add(new DatasetVersionRef { DatasetName = "transactions", Version = 1 });
                break;
            case "url":
                header.Source = new ModelVersionSource { PipelineUrl = "ci.example.com/42" };
                break;
            default:
                header.InputExample = "{\"a\": }";
                break;
        }

        // A small artifact: the header is refused before any chunk is read, and our client, when still writing a large
        // chunk as the server ends the call, can stay blocked in the HTTP/2 stream past the call's deadline.
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.UploadAsync(header, RegistryClient.RandomArtifact(100)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(message, error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await registry.VersionRowsAsync(name, workspace));
        Assert.Empty(await registry.UploadedBlobsAsync(name, workspace));
        Assert.Equal(0, (await Client.GetModelAsync(name, workspace)).LatestVersion);
    }

    internal static ModelVersionHeader FullHeader(string workspace, string name) => new()
    {
        Workspace = workspace,
        ModelName = name,
        Description = "gradient boosted trees",
        Tags = { ["team"] = "risk" },
        Flavor = "xgboost",
        Framework = "xgboost",
        FrameworkVersion = "2.0.3",
        Signature = new ModelSignature
        {
            Inputs = { new TensorSpec { Name = "features", Datatype = "FP32", Shape = { -1, 4 } } },
            Outputs = { new TensorSpec { Name = "probabilities", Datatype = "FP64", Shape = { -1, 2 } } },
        },
        InputExample = "{\"features\": [[5.1, 3.5, 1.4, 0.2]]}",
        Metrics = { ["auc"] = 0.93, ["val/loss"] = -1.5e-3 },
        Params = { ["max_depth"] = "6", ["eta"] = "0.3" },
        Source = new ModelVersionSource { RunId = "run-42", Commit = "0123abc", PipelineUrl = "https://ci.example.com/pipelines/42" },
        DatasetVersions =
        {
            new DatasetVersionRef { DatasetName = "transactions", Version = 7, Role = DatasetRole.Training },
            new DatasetVersionRef { DatasetName = "transactions", Version = 8, Role = DatasetRole.Test },
        },
    };

    private async Task<string> NewModelAsync(string workspace)
    {
        var name = ModelTests.UniqueName("m");
        await Client.CreateModelAsync(name, workspace);
        return name;
    }
}
