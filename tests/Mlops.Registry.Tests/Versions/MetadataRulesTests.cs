using Mlops.Registry.Application;
using Mlops.Registry.Application.Versions;

namespace Mlops.Registry.Tests.Versions;

/// <summary>Each limit of a version's metadata: exactly at it is accepted, one beyond is refused with the field named.</summary>
public sealed class MetadataRulesTests
{
    private const int MiB = 1024 * 1024;

    private static readonly ModelVersionMetadata None = ModelVersionMetadata.None;

    [Theory]
    [InlineData("xgboost")]
    [InlineData("scikit-learn")]
    [InlineData("onnx.v1_2")]
    [InlineData("")]
    public void A_lower_case_flavor_is_accepted(string flavor) =>
        Assert.Equal(flavor, Valid(None with { Flavor = flavor }).Flavor);

    [Theory]
    [InlineData("XGBoost", "header.flavor 'XGBoost' is invalid")]
    [InlineData("1model", "header.flavor '1model' is invalid")]
    [InlineData("py torch", "header.flavor 'py torch' is invalid")]
    public void Another_flavor_is_refused(string flavor, string message) => AssertRefused(None with { Flavor = flavor }, message);

    [Fact]
    public void A_flavor_framework_and_framework_version_have_at_most_64_characters()
    {
        var at = "a" + new string('b', 63);
        Assert.Equal(at, Valid(None with { Flavor = at, Framework = at, FrameworkVersion = at }).Framework);

        AssertRefused(None with { Flavor = at + "c" }, "header.flavor");
        AssertRefused(None with { Framework = at + "c" }, "header.framework");
        AssertRefused(None with { Framework = "torch", FrameworkVersion = at + "c" }, "header.framework_version");
    }

    [Fact]
    public void A_framework_version_needs_a_framework_and_has_no_spaces()
    {
        Assert.Equal("2.1.0+cu121", Valid(None with { Framework = "pytorch", FrameworkVersion = "2.1.0+cu121" }).FrameworkVersion);

        AssertRefused(None with { FrameworkVersion = "2.1.0" }, "header.framework_version is '2.1.0' but header.framework is empty");
        AssertRefused(None with { Framework = "pytorch", FrameworkVersion = "2.1 beta" }, "header.framework_version '2.1 beta' is invalid");
    }

    [Fact]
    public void An_input_example_of_exactly_1_MiB_is_accepted_and_one_byte_more_is_refused()
    {
        var exact = Json(MiB);
        Assert.Equal(exact, Valid(None with { InputExample = exact }).InputExample);

        AssertRefused(None with { InputExample = Json(MiB + 1) }, "header.input_example is too large: at most 1048576 bytes (1 MiB) of UTF-8, not 1048577.");
    }

    [Fact]
    public void An_input_example_is_measured_in_UTF8_bytes_not_characters()
    {
        // 'é' is two bytes: this is 524290 characters, but 1 MiB + 1 byte.
        var example = "\"" + new string('é', (MiB / 2) - 1) + "x\"";

        AssertRefused(None with { InputExample = example }, "not 1048577");
    }

    [Theory]
    [InlineData("{\"a\": [1, 2]", "header.input_example is not valid JSON")]
    [InlineData("{'a': 1}", "header.input_example is not valid JSON")]
    [InlineData(" ", "header.input_example is not valid JSON")]
    [InlineData("[1] [2]", "header.input_example is not valid JSON")]
    public void An_input_example_that_is_not_JSON_is_refused(string example, string message) => AssertRefused(None with { InputExample = example }, message);

    [Theory]
    [InlineData("{\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP32\", \"shape\": [1, 3], \"data\": [1, 2, 3]}]}")]
    [InlineData("[1, 2, 3]")]
    [InlineData("42")]
    [InlineData("{ \"b\" : 1 ,\"a\":2 }")]
    public void An_input_example_is_any_JSON_value_kept_exactly_as_sent(string example) =>
        Assert.Equal(example, Valid(None with { InputExample = example }).InputExample);

    [Fact]
    public void At_most_1000_metrics_with_keys_of_at_most_250_characters()
    {
        Assert.Equal(1000, Valid(None with { Metrics = Metrics(1000) }).Metrics.Count);
        Assert.Single(Valid(None with { Metrics = new Dictionary<string, double> { [new string('k', 250)] = 1 } }).Metrics);

        AssertRefused(None with { Metrics = Metrics(1001) }, "header.metrics has 1001 metrics: at most 1000 are allowed.");
        AssertRefused(None with { Metrics = new Dictionary<string, double> { [new string('k', 251)] = 1 } }, "a key has 1 to 250 characters, not 251");
        AssertRefused(None with { Metrics = new Dictionary<string, double> { [""] = 1 } }, "a key has 1 to 250 characters, not 0");
    }

    [Theory]
    [InlineData("val/auc")]
    [InlineData("f1 score")]
    [InlineData("loss-v2.final_")]
    public void A_metric_key_may_have_slashes_spaces_dots_and_dashes(string key) =>
        Assert.True(Valid(None with { Metrics = new Dictionary<string, double> { [key] = 0.5 } }).Metrics.ContainsKey(key));

    [Theory]
    [InlineData("a\tb", "has '\t' at position 1")]
    [InlineData("auc,roc", "has ',' at position 3")]
    [InlineData("réel", "has 'é' at position 1")]
    public void A_metric_key_with_other_characters_is_refused(string key, string message) =>
        AssertRefused(None with { Metrics = new Dictionary<string, double> { [key] = 0.5 } }, message);

    [Theory]
    [InlineData(double.NaN, "header.metrics['auc'] is NaN: a metric must be a finite number.")]
    [InlineData(double.PositiveInfinity, "header.metrics['auc'] is Infinity: a metric must be a finite number.")]
    [InlineData(double.NegativeInfinity, "header.metrics['auc'] is -Infinity: a metric must be a finite number.")]
    public void NaN_and_infinite_metrics_are_refused_naming_the_metric(double value, string message) =>
        AssertRefused(None with { Metrics = new Dictionary<string, double> { ["auc"] = value } }, message);

    [Theory]
    [InlineData(double.MaxValue)]
    [InlineData(double.MinValue)]
    [InlineData(double.Epsilon)]
    [InlineData(-0.0)]
    public void The_extreme_finite_metrics_are_accepted(double value) =>
        Assert.Equal(value, Valid(None with { Metrics = new Dictionary<string, double> { ["m"] = value } }).Metrics["m"]);

    [Fact]
    public void At_most_200_params_with_values_of_at_most_1024_characters()
    {
        var two = Enumerable.Range(0, 200).ToDictionary(i => $"p{i}", i => new string('v', 1024));
        Assert.Equal(200, Valid(None with { Params = two }).Params.Count);

        AssertRefused(None with { Params = Enumerable.Range(0, 201).ToDictionary(i => $"p{i}", _ => "v") }, "header.params has 201 params: at most 200 are allowed.");
        AssertRefused(None with { Params = new Dictionary<string, string> { ["lr"] = new string('v', 1025) } }, "header.params['lr'] is too long: a param value has at most 1024 characters, not 1025.");
        AssertRefused(None with { Params = new Dictionary<string, string> { [new string('k', 251)] = "" } }, "header.params key");
    }

    [Fact]
    public void A_signature_has_at_most_1000_inputs_and_100_outputs()
    {
        var signature = new SignatureInfo(Tensors(1000), Tensors(100));
        Assert.Equal(1000, Valid(None with { Signature = signature }).Signature!.Inputs.Count);

        AssertRefused(None with { Signature = new SignatureInfo(Tensors(1001), []) }, "header.signature.inputs has 1001 tensors: at most 1000 are allowed.");
        AssertRefused(None with { Signature = new SignatureInfo([], Tensors(101)) }, "header.signature.outputs has 101 tensors: at most 100 are allowed.");
    }

    [Fact]
    public void A_signature_with_neither_inputs_nor_outputs_is_none()
    {
        Assert.Null(Valid(None with { Signature = new SignatureInfo([], []) }).Signature);
        Assert.NotNull(Valid(None with { Signature = new SignatureInfo([], Tensors(1)) }).Signature);
    }

    [Fact]
    public void A_tensor_has_a_name_of_1_to_128_characters_and_at_most_32_dimensions()
    {
        var longest = new TensorInfo(new string('n', 128), "FP32", Enumerable.Repeat(-1L, 32).ToArray());
        Assert.Equal(32, Valid(None with { Signature = new SignatureInfo([longest], []) }).Signature!.Inputs[0].Shape.Count);

        AssertRefused(Inputs(longest with { Name = new string('n', 129) }), "header.signature.inputs[0].name is too long: at most 128 characters, not 129.");
        AssertRefused(Inputs(longest with { Name = "" }), "header.signature.inputs[0].name is empty");
        AssertRefused(Inputs(longest with { Name = "a\nb" }), "header.signature.inputs[0].name has a control character (U+000A) at position 1");
        AssertRefused(Inputs(longest with { Shape = Enumerable.Repeat(1L, 33).ToArray() }), "header.signature.inputs[0].shape has 33 dimensions: at most 32 are allowed.");
    }

    [Fact]
    public void A_dimension_is_a_size_or_minus_one()
    {
        Assert.Equal([-1L, 0, 3], Valid(Inputs(new TensorInfo("x", "INT64", [-1, 0, 3]))).Signature!.Inputs[0].Shape);

        AssertRefused(Inputs(new TensorInfo("x", "INT64", [-1, -2])), "header.signature.inputs[0].shape[1] is -2: a dimension is a size (0 or more) or -1 for a variable size.");
    }

    [Fact]
    public void Every_Open_Inference_Protocol_datatype_is_accepted()
    {
        var tensors = SignatureRules.Datatypes.Select(d => new TensorInfo(d.ToLowerInvariant(), d, [])).ToArray();

        Assert.Equal(13, Valid(None with { Signature = new SignatureInfo(tensors, []) }).Signature!.Inputs.Count);
    }

    [Theory]
    [InlineData("fp32", "header.signature.inputs[0].datatype 'fp32' is not an Open Inference Protocol datatype (write 'FP32')")]
    [InlineData("FLOAT", "header.signature.inputs[0].datatype 'FLOAT' is not an Open Inference Protocol datatype: use one of BOOL, UINT8")]
    [InlineData("BF16", "'BF16' is not an Open Inference Protocol datatype")]
    [InlineData("", "datatype '' is not an Open Inference Protocol datatype")]
    public void Another_datatype_is_refused(string datatype, string message) => AssertRefused(Inputs(new TensorInfo("x", datatype, [1])), message);

    [Fact]
    public void Tensor_names_are_unique_among_inputs_but_an_output_may_share_an_input_name()
    {
        var x = new TensorInfo("x", "FP32", [1]);
        Assert.NotNull(Valid(None with { Signature = new SignatureInfo([x], [x]) }).Signature);

        AssertRefused(None with { Signature = new SignatureInfo([x, x], []) }, "header.signature.inputs[1].name 'x' is given twice: tensor names are unique among the inputs.");
    }

    [Theory]
    [InlineData("abc1234")]
    [InlineData("0123456789abcdef0123456789abcdef01234567")]
    [InlineData("0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void A_commit_of_7_to_64_hex_characters_is_accepted(string commit) =>
        Assert.Equal(commit, Valid(Source(commit: commit)).Source.Commit);

    [Theory]
    [InlineData("abc123")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
    [InlineData("main")]
    [InlineData("abc1234g")]
    public void Another_commit_is_refused(string commit) => AssertRefused(Source(commit: commit), $"header.source.commit '{commit}' is invalid");

    [Theory]
    [InlineData("https://ci.example.com/pipelines/42")]
    [InlineData("http://jenkins:8080/job/train/7/")]
    public void An_absolute_http_or_https_pipeline_url_is_accepted(string url) =>
        Assert.Equal(url, Valid(Source(url: url)).Source.PipelineUrl);

    [Theory]
    [InlineData("ftp://ci.example.com/x", "is invalid: it must be an absolute http or https URL")]
    [InlineData("/pipelines/42", "is invalid: it must be an absolute http or https URL")]
    [InlineData("ci.example.com/pipelines/42", "is invalid: it must be an absolute http or https URL")]
    [InlineData("https://ci.example.com/a b", "is invalid: it must be an absolute http or https URL")]
    [InlineData("javascript:alert(1)", "is invalid: it must be an absolute http or https URL")]
    [InlineData("https://bot:s3cret@ci.example.com/x", "header.source.pipeline_url carries user information (credentials)")]
    public void Another_pipeline_url_is_refused(string url, string message) => AssertRefused(Source(url: url), message);

    [Fact]
    public void A_pipeline_url_has_at_most_2048_characters_and_a_run_id_256()
    {
        var url = "https://ci.example.com/" + new string('p', 2048 - 23);
        Assert.Equal(url, Valid(Source(url: url)).Source.PipelineUrl);
        Assert.Equal(256, Valid(Source(runId: new string('r', 256))).Source.RunId.Length);

        AssertRefused(Source(url: url + "p"), "header.source.pipeline_url is too long: at most 2048 characters, not 2049.");
        AssertRefused(Source(runId: new string('r', 257)), "header.source.run_id is too long: at most 256 characters, not 257.");
        AssertRefused(Source(runId: "run\u00071"), "header.source.run_id has a control character (U+0007) at position 3");
    }

    [Fact]
    public void At_most_100_dataset_versions_each_used_once()
    {
        var hundred = Enumerable.Range(1, 100).Select(i => new DatasetReference("transactions", i, DatasetUse.Training)).ToArray();
        Assert.Equal(100, Valid(None with { DatasetVersions = hundred }).DatasetVersions.Count);

        AssertRefused(None with { DatasetVersions = [.. hundred, new DatasetReference("more", 1, DatasetUse.Test)] }, "header.dataset_versions has 101 dataset versions: at most 100 are allowed.");
        AssertRefused(
            None with { DatasetVersions = [hundred[0], hundred[0]] },
            "header.dataset_versions[1] repeats dataset 'transactions' version 1 as Training: name each use once.");

        // The same dataset version in two roles is two uses.
        Assert.Equal(2, Valid(None with { DatasetVersions = [hundred[0], hundred[0] with { Role = DatasetUse.Validation }] }).DatasetVersions.Count);
    }

    [Fact]
    public void A_dataset_version_has_a_dataset_name_a_version_from_1_and_a_role()
    {
        Assert.Single(Valid(Dataset(new DatasetReference("transactions", 1, DatasetUse.Other))).DatasetVersions);

        AssertRefused(Dataset(new DatasetReference("transactions", 0, DatasetUse.Training)), "header.dataset_versions[0].version is 0: dataset versions are numbered from 1.");
        AssertRefused(Dataset(new DatasetReference("transactions", 1, DatasetUse.Unspecified)), "header.dataset_versions[0].role must be TRAINING, VALIDATION, TEST or OTHER");
        AssertRefused(Dataset(new DatasetReference("-transactions", 1, DatasetUse.Test)), "header.dataset_versions[0].dataset_name '-transactions' is invalid");
        AssertRefused(Dataset(new DatasetReference(new string('d', 129), 1, DatasetUse.Test)), "header.dataset_versions[0].dataset_name");
    }

    private static ModelVersionMetadata Valid(ModelVersionMetadata metadata) => MetadataRules.Validate("header", metadata);

    private static void AssertRefused(ModelVersionMetadata metadata, string message)
    {
        var error = Assert.Throws<RegistryException>(() => MetadataRules.Validate("header", metadata));

        Assert.Equal(RegistryErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    /// <summary>A JSON string of exactly <paramref name="bytes"/> bytes, its quotes included.</summary>
    private static string Json(int bytes) => "\"" + new string('a', bytes - 2) + "\"";

    private static Dictionary<string, double> Metrics(int count) => Enumerable.Range(0, count).ToDictionary(i => $"m{i}", i => i / 10.0);

    private static TensorInfo[] Tensors(int count) => Enumerable.Range(0, count).Select(i => new TensorInfo($"t{i}", "FP32", [-1, 3])).ToArray();

    private static ModelVersionMetadata Inputs(TensorInfo tensor) => None with { Signature = new SignatureInfo([tensor], []) };

    private static ModelVersionMetadata Dataset(DatasetReference reference) => None with { DatasetVersions = [reference] };

    private static ModelVersionMetadata Source(string runId = "", string commit = "", string url = "") => None with { Source = new VersionSource(runId, commit, url) };
}
