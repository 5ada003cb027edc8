using System.Text;

namespace Mlops.Inference.Runtimes.Tests;

/// <summary>The linear model format of docs/runtimes/linear-model.md: hand-computed predictions and every refusal.</summary>
public sealed class LinearFormatTests
{
    [Fact]
    public void Linear_regression_is_the_intercept_plus_the_weighted_features()
    {
        var model = Load("""{"type": "linear_regression", "coefficients": [2, -0.5, 0], "intercept": 10}""");
        Assert.Equal(new[] { 3, 1 }, new[] { model.FeatureCount, model.Output.ValuesPerRow });
        Assert.Equal(OutputKind.Value, model.Output.Kind);
        Assert.Empty(model.Output.Labels);
        var output = new float[2];
        model.Predict([1f, 4f, 100f, -1f, 0f, 0f], 2, output);
        Assert.Equal([10f, 8f], output);
    }

    [Fact]
    public void Linear_regression_with_rows_of_coefficients_has_one_output_per_row()
    {
        var model = Load("""{"type": "linear_regression", "version": 1, "coefficients": [[1, 0], [0, 1], [1, 1]], "intercept": [0, 1, 2]}""");
        Assert.Equal(3, model.Output.ValuesPerRow);
        var output = new float[3];
        model.Predict([3f, 5f], 1, output);
        Assert.Equal([3f, 6f, 10f], output);
    }

    [Fact]
    public void Binary_logistic_regression_gives_the_probability_of_the_second_class()
    {
        var model = Load("""{"type": "logistic_regression", "coefficients": [[1.5, -2]], "intercept": [0.25], "classes": ["ham", "spam"]}""");
        Assert.Equal(OutputKind.Probability, model.Output.Kind);
        Assert.Equal(["spam"], model.Output.Labels);
        var output = new float[1];
        model.Predict([1f, 1f], 1, output);
        Assert.Equal(1 / (1 + Math.Exp(-(1.5 - 2 + 0.25))), output[0], 1e-7);
    }

    [Fact]
    public void Multinomial_logistic_regression_gives_the_softmax_over_classes_and_numbers_are_labels_too()
    {
        var model = Load("""{"type": "logistic_regression", "coefficients": [[1], [2], [3]], "intercept": [0, 0, -1], "classes": [3, 7, 9]}""");
        Assert.Equal(OutputKind.ClassProbabilities, model.Output.Kind);
        Assert.Equal(["3", "7", "9"], model.Output.Labels);
        var output = new float[3];
        model.Predict([1f], 1, output);
        var sum = Math.Exp(1) + Math.Exp(2) + Math.Exp(2);
        Assert.Equal(Math.Exp(1) / sum, output[0], 1e-7);
        Assert.Equal(Math.Exp(2) / sum, output[1], 1e-7);
        Assert.Equal(Math.Exp(2) / sum, output[2], 1e-7);
    }

    [Fact]
    public void Classes_default_to_their_indices()
    {
        Assert.Equal(["1"], Load("""{"type": "logistic_regression", "coefficients": [1], "intercept": 0}""").Output.Labels);
        Assert.Equal(["0", "1"], Load("""{"type": "logistic_regression", "coefficients": [[1], [2]], "intercept": [0, 0]}""").Output.Labels);
    }

    [Fact]
    public void Boolean_classes_are_labelled_as_json_writes_them()
    {
        // scikit-learn fitted on a boolean target has classes_ [False, True], which json.dumps writes as below.
        Assert.Equal(["true"], Load("""{"type": "logistic_regression", "coefficients": [[1]], "intercept": [0], "classes": [false, true]}""").Output.Labels);
    }

    [Fact]
    public void A_missing_value_makes_its_row_NaN_and_no_other()
    {
        var model = Load("""{"type": "logistic_regression", "coefficients": [[1, 1], [2, 2]], "intercept": [0, 0]}""");
        var output = new float[4];
        model.Predict([float.NaN, 1f, 1f, 1f], 2, output);
        Assert.True(float.IsNaN(output[0]) && float.IsNaN(output[1]));
        Assert.False(float.IsNaN(output[2]) || float.IsNaN(output[3]));
    }

    [Fact]
    public void Very_many_classes_predict_as_few_do()
    {
        var coefficients = string.Join(", ", Enumerable.Range(0, 300).Select(c => $"[{c % 7}]"));
        var intercepts = string.Join(", ", Enumerable.Repeat("0", 300));
        var model = Load($$"""{"type": "logistic_regression", "coefficients": [{{coefficients}}], "intercept": [{{intercepts}}]}""");
        var output = new float[300];
        model.Predict([0.5f], 1, output);
        var sum = Enumerable.Range(0, 300).Sum(c => Math.Exp((c % 7) * 0.5));
        Assert.Equal(Math.Exp(6 * 0.5) / sum, output[6], 1e-7);
        Assert.Equal(1.0, output.Sum(p => (double)p), 5);
    }

    [Theory]
    [InlineData("""{"type": "ridge", "coefficients": [1], "intercept": 0}""", "type")]
    [InlineData("""{"type": 3, "coefficients": [1], "intercept": 0}""", "type")]
    [InlineData("""{"type": "linear_regression", "coefficients": [1], "intercepts": 0}""", "intercepts")]
    [InlineData("""{"type": "linear_regression", "coefficients": [1]}""", "intercept")]
    [InlineData("""{"type": "linear_regression", "intercept": 0}""", "coefficients")]
    [InlineData("""{"type": "linear_regression", "coefficients": [], "intercept": 0}""", "coefficients")]
    [InlineData("""{"type": "linear_regression", "coefficients": [1, "2"], "intercept": 0}""", "coefficients[1]")]
    [InlineData("""{"type": "linear_regression", "coefficients": [[1, 2], [3]], "intercept": [0, 0]}""", "coefficients[1]")]
    [InlineData("""{"type": "linear_regression", "coefficients": [[1, 2], 3], "intercept": [0, 0]}""", "coefficients[1]")]
    [InlineData("""{"type": "linear_regression", "coefficients": [[1], [2]], "intercept": 0}""", "intercept")]
    [InlineData("""{"type": "linear_regression", "coefficients": [[1], [2]], "intercept": [0]}""", "intercept")]
    [InlineData("""{"type": "linear_regression", "coefficients": [1], "intercept": 0, "classes": ["a"]}""", "classes")]
    [InlineData("""{"type": "linear_regression", "coefficients": [1], "intercept": 0, "version": 2}""", "version")]
    [InlineData("""{"type": "logistic_regression", "coefficients": [1], "intercept": 0, "classes": ["a"]}""", "classes")]
    [InlineData("""{"type": "logistic_regression", "coefficients": [[1], [2], [3]], "intercept": [0, 0, 0], "classes": ["a", "b"]}""", "classes")]
    [InlineData("""{"type": "logistic_regression", "coefficients": [1], "intercept": 0, "classes": ["a", "a"]}""", "classes[1]")]
    [InlineData("""{"type": "logistic_regression", "coefficients": [1], "intercept": 0, "classes": ["a", null]}""", "classes[1]")]
    public void Wrong_fields_are_refused_by_name(string json, string field)
    {
        var error = Assert.Throws<ModelFormatException>(() => Load(json));
        Assert.Equal(field, error.Field);
        Assert.StartsWith(field + ": ", error.Message, StringComparison.Ordinal);
    }

    private static ILoadedModel Load(string json) => ModelLoader.Load(Encoding.UTF8.GetBytes(json));
}
