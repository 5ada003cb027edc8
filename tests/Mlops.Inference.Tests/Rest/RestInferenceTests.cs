using System.Net;
using System.Text;
using System.Text.Json;
using Mlops.Inference.Tests.Infrastructure;

namespace Mlops.Inference.Tests.Rest;

/// <summary>The REST form under /v2 on Kestrel, called with HttpClient.</summary>
[Collection(InferenceServerCollection.Name)]
public sealed class RestInferenceTests(InferenceServerFixture fixture)
{
    private const string AddBody = """
        {
          "id": "42",
          "inputs": [
            { "name": "a", "shape": [2, 2], "datatype": "FP32", "data": [[1, 2], [3, 4]] },
            { "name": "b", "shape": [2, 2], "datatype": "FP32", "data": [10, 20, 30, 40] }
          ]
        }
        """;

    private HttpClient Http => fixture.Server.Http;

    [Theory]
    [InlineData("/v2/health/live")]
    [InlineData("/v2/health/ready")]
    [InlineData("/v2/models/add/ready")]
    [InlineData("/v2/models/add/versions/1/ready")]
    public async Task Health_that_holds_is_200_with_an_empty_body(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Health_that_does_not_hold_is_a_4xx_with_an_empty_body()
    {
        await using var server = await InferenceTestServer.StartAsync(new TestModelHost { Live = false, Ready = false });
        foreach (var path in new[] { "/v2/health/live", "/v2/health/ready" })
        {
            using var response = await server.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }

        using var model = await Http.GetAsync("/v2/models/warming/ready");
        Assert.Equal(HttpStatusCode.BadRequest, model.StatusCode);
    }

    [Theory]
    [InlineData("/v2/models/nope/ready", "Model 'nope' is not found.")]
    [InlineData("/v2/models/add/versions/3/ready", "Model 'add' version '3' is not found.")]
    [InlineData("/v2/models/nope", "Model 'nope' is not found.")]
    [InlineData("/v2/models/add/versions/3", "Model 'add' version '3' is not found.")]
    public async Task An_unknown_model_is_404_with_an_error(string path, string error)
    {
        using var response = await Http.GetAsync(path);
        await AssertError(response, HttpStatusCode.NotFound, error);
    }

    [Fact]
    public async Task Server_metadata()
    {
        using var json = await GetJson("/v2");
        Assert.Equal("""{"name":"mlops-test","version":"0.1.0","extensions":[]}""", json.RootElement.GetRawText());
    }

    [Theory]
    [InlineData("/v2/models/add")]
    [InlineData("/v2/models/add/versions/1")]
    public async Task Model_metadata(string path)
    {
        using var json = await GetJson(path);
        Assert.Equal(
            """{"name":"add","versions":["1"],"platform":"mlops_test","inputs":[{"name":"a","datatype":"FP32","shape":[-1,2]},{"name":"b","datatype":"FP32","shape":[-1,2]}],"outputs":[{"name":"sum","datatype":"FP32","shape":[-1,2]},{"name":"difference","datatype":"FP32","shape":[-1,2]}]}""",
            json.RootElement.GetRawText());
    }

    [Theory]
    [InlineData("/v2/models/add/infer")]
    [InlineData("/v2/models/add/versions/1/infer")]
    public async Task Infer_answers_every_output_with_the_id_and_version(string path)
    {
        using var response = await Post(path, AddBody);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            """{"model_name":"add","model_version":"1","id":"42","parameters":{"runtime":"test"},"outputs":[{"name":"sum","datatype":"FP32","shape":[2,2],"data":[11,22,33,44]},{"name":"difference","datatype":"FP32","shape":[2,2],"data":[-9,-18,-27,-36]}]}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_the_requested_outputs_come_back()
    {
        using var response = await Post("/v2/models/add/infer", AddBody.Replace("\"inputs\"", "\"outputs\": [{\"name\": \"difference\"}], \"inputs\"", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var output = Assert.Single(json.RootElement.GetProperty("outputs").EnumerateArray());
        Assert.Equal("difference", output.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Every_datatype_round_trips_as_json()
    {
        var tensors = Tensors.OfEveryDataType().Where(t => t.DataType != TensorDataType.Fp16).ToList();
        var body = new StringBuilder("""{"inputs":[""");
        body.AppendJoin(',', tensors.Select(t => $$"""{"name":"{{t.Name}}","shape":[3],"datatype":"{{t.DataType.ToWireName()}}","data":{{JsonData(t)}}}"""));
        body.Append("]}");
        using var response = await Post("/v2/models/echo/infer", body.ToString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var outputs = json.RootElement.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal(tensors.Select(t => t.Name), outputs.Select(o => o.GetProperty("name").GetString()));
        foreach (var (tensor, output) in tensors.Zip(outputs))
        {
            using var expected = JsonDocument.Parse(JsonData(tensor));
            Assert.True(JsonElement.DeepEquals(expected.RootElement, output.GetProperty("data")), $"{tensor.Name}: {output.GetProperty("data").GetRawText()}");
        }

        using var half = await Post("/v2/models/half/infer", """{"inputs":[{"name":"fp16","shape":[2],"datatype":"FP16","data":[-1.5,65504]}]}""");
        Assert.Contains("\"data\":[-1.5,65504]", await half.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_on_an_unknown_model_is_404()
    {
        using var response = await Post("/v2/models/nope/infer", AddBody);
        await AssertError(response, HttpStatusCode.NotFound, "Model 'nope' is not found.");
        using var version = await Post("/v2/models/add/versions/9/infer", AddBody);
        await AssertError(version, HttpStatusCode.NotFound, "Model 'add' version '9' is not found.");
    }

    [Fact]
    public async Task Infer_on_a_model_that_is_not_ready_is_503()
    {
        using var response = await Post("/v2/models/warming/infer", """{"inputs":[{"name":"x","shape":[1],"datatype":"FP32","data":[1]}]}""");
        await AssertError(response, HttpStatusCode.ServiceUnavailable, "Model 'warming' is not ready.");
    }

    [Theory]
    [InlineData("""{"inputs":[{"name":"a","shape":[1,2],"datatype":"FP32","data":[1,2]}]}""", "Missing input 'b' for model 'add'.")]
    [InlineData("""{"inputs":[{"name":"a","shape":[1,2],"datatype":"FP32","data":[1,2]},{"name":"b","shape":[1,2],"datatype":"FP64","data":[1,2]}]}""", "Input 'b' has datatype FP64; model 'add' expects FP32.")]
    [InlineData("""{"inputs":[{"name":"a","shape":[1,2],"datatype":"FP32","data":[1,2]},{"name":"b","shape":[2,1],"datatype":"FP32","data":[1,2]}]}""", "Input 'b' has shape [2, 1]; model 'add' expects [-1, 2] (-1: any size).")]
    [InlineData("""{"inputs":[{"name":"a","shape":[2,2],"datatype":"FP32","data":[1,2,3]},{"name":"b","shape":[2,2],"datatype":"FP32","data":[1,2,3,4]}]}""", "Input 'a' has shape [2, 2] (4 elements) but its data holds 3.")]
    [InlineData("""{"inputs":[{"name":"a","shape":[1,2],"datatype":"fp32","data":[1,2]}]}""", "Input 'a' has datatype 'fp32'")]
    [InlineData("""{"INPUTS":[]}""", "The request needs \"inputs\", an array.")]
    [InlineData("""{"inputs":[{"name":"a","shape":[1,2],"datatype":"FP32","data":[1,2]},{"name":"b","shape":[1,2],"datatype":"FP32","data":[1,2]}],"outputs":[{"name":"product"}]}""", "Unknown output 'product' for model 'add', which gives 'sum', 'difference'.")]
    [InlineData("""{"inputs": [""", "The request body is not JSON")]
    public async Task An_invalid_request_is_400_with_an_error_naming_what_is_wrong(string body, string error)
    {
        using var response = await Post("/v2/models/add/infer", body);
        await AssertError(response, HttpStatusCode.BadRequest, error);
    }

    [Fact]
    public async Task The_binary_data_extension_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/models/add/infer") { Content = new StringContent(AddBody, Encoding.UTF8, "application/octet-stream") };
        request.Headers.Add("Inference-Header-Content-Length", AddBody.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await Http.SendAsync(request);
        await AssertError(response, HttpStatusCode.BadRequest, "binary tensor data extension is not supported");
    }

    [Theory]
    [InlineData("/V2/health/live")]
    [InlineData("/v2/Health/Live")]
    [InlineData("/v2/MODELS/add")]
    [InlineData("/v2/models/add/Ready")]
    public async Task Paths_are_case_sensitive(string path)
    {
        using var response = await Http.GetAsync(path);
        await AssertError(response, HttpStatusCode.NotFound, "paths are case-sensitive");
    }

    [Fact]
    public async Task Model_names_are_case_sensitive()
    {
        using var response = await Http.GetAsync("/v2/models/ADD");
        await AssertError(response, HttpStatusCode.NotFound, "Model 'ADD' is not found.");
    }

    private static string JsonData(InferenceTensor tensor)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Mlops.Inference.Rest.OpenInferenceJson.WriteResponse(writer, new InferenceResponse("x", [tensor]));
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        return document.RootElement.GetProperty("outputs")[0].GetProperty("data").GetRawText();
    }

    private static async Task AssertError(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["error"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Contains(error, json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonDocument> GetJson(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> Post(string path, string body) =>
        Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
}
