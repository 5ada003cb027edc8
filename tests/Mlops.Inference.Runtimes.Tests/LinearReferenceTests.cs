namespace Mlops.Inference.Runtimes.Tests;

/// <summary>Linear and logistic regression against scikit-learn's predictions, for models it fitted a moment ago.</summary>
[Collection(ReferenceModelsCollection.Name)]
public sealed class LinearReferenceTests(ReferenceModels models)
{
    [Theory]
    [InlineData("linear_regression", "linear_regression", OutputKind.Value, new string[0])]
    [InlineData("logistic_regression", "logistic_regression", OutputKind.Probability, new[] { "spam" })]
    [InlineData("multinomial", "logistic_regression", OutputKind.ClassProbabilities, new[] { "blue", "green", "red" })]
    public void Predicts_what_scikit_learn_predicts(string name, string format, OutputKind kind, string[] labels)
    {
        var reference = models[name];
        var model = ModelLoader.LoadFile(reference.ModelPath);
        Assert.Equal(format, model.Format);
        Assert.Equal(reference.FeatureCount, model.FeatureCount);
        Assert.Equal(kind, model.Output.Kind);
        Assert.Equal(reference.ValuesPerRow, model.Output.ValuesPerRow);
        Assert.Equal(labels, model.Output.Labels);

        var predictions = new float[reference.RowCount * reference.ValuesPerRow];
        model.Predict(reference.Rows, reference.RowCount, predictions);
        reference.AssertMatches(predictions);
    }
}
