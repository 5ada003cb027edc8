using System.Text;

namespace Mlops.Inference.Runtimes.Tests;

/// <summary>What the loader says about documents that are no model at all.</summary>
public sealed class ModelLoaderTests
{
    [Theory]
    [InlineData("")]
    [InlineData("{\"type\": ")]
    [InlineData("{\"type\": \"linear_regression\",}")]
    public void Invalid_json_is_a_format_error_of_the_document(string json)
    {
        var error = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(string.Empty, error.Field);
        Assert.StartsWith("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
    }

    [Theory]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("{\"weights\": [1]}", "neither an XGBoost JSON model")]
    public void A_document_of_no_known_format_is_refused(string json, string message)
    {
        var error = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_loads_by_its_path()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"type": "linear_regression", "coefficients": [1, 2], "intercept": 0.5}""");
            var model = ModelLoader.LoadFile(path);
            var output = new float[1];
            model.Predict([1f, 1f], 1, output);
            Assert.Equal(3.5f, output[0]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
