namespace Mlops.Inference.Runtimes.Tests;

/// <summary>Our predictions against XGBoost's own, for models XGBoost 1.7 trained a moment ago.</summary>
[Collection(ReferenceModelsCollection.Name)]
public sealed class XGBoostReferenceTests(ReferenceModels models)
{
    [Theory]
    [InlineData("binary:logistic", OutputKind.Probability, 1)]
    [InlineData("reg:squarederror", OutputKind.Value, 1)]
    [InlineData("multi:softprob", OutputKind.ClassProbabilities, 4)]
    public void A_batch_predicts_what_xgboost_predicts(string objective, OutputKind kind, int valuesPerRow)
    {
        var reference = models[objective];
        // What makes the comparison worth something: missing values taking both default directions, and
        // values exactly on a threshold.
        Assert.True(reference.MetaInt("missing_values") > 0);
        Assert.True(reference.MetaInt("splits_missing_left") > 0);
        Assert.True(reference.MetaInt("splits_missing_right") > 0);
        Assert.True(reference.MetaInt("values_on_a_threshold") > 0);

        var model = ModelLoader.LoadFile(reference.ModelPath);
        Assert.Equal("xgboost", model.Format);
        Assert.Equal(reference.FeatureCount, model.FeatureCount);
        Assert.Equal(kind, model.Output.Kind);
        Assert.Equal(valuesPerRow, model.Output.ValuesPerRow);

        var predictions = new float[reference.RowCount * valuesPerRow];
        model.Predict(reference.Rows, reference.RowCount, predictions);
        reference.AssertMatches(predictions);
    }

    [Fact]
    public void Regression_is_bit_identical_to_xgboost()
    {
        // No transcendental function in between: adding the leaves in float32 in tree order, as XGBoost's CPU
        // predictor does, gives its very bits.
        var reference = models["reg:squarederror"];
        var model = ModelLoader.LoadFile(reference.ModelPath);
        var predictions = new float[reference.RowCount];
        model.Predict(reference.Rows, reference.RowCount, predictions);
        Assert.Equal(reference.Expected, predictions.Select(p => (double)p));
    }

    [Theory]
    [InlineData("binary:logistic")]
    [InlineData("reg:squarederror")]
    [InlineData("multi:softprob")]
    public void One_row_at_a_time_predicts_exactly_what_the_batch_predicts(string objective)
    {
        var reference = models[objective];
        var model = ModelLoader.LoadFile(reference.ModelPath);
        var batch = new float[reference.RowCount * model.Output.ValuesPerRow];
        model.Predict(reference.Rows, reference.RowCount, batch);

        var single = new float[model.Output.ValuesPerRow];
        for (var row = 0; row < reference.RowCount; row++)
        {
            model.Predict(reference.Rows.AsSpan(row * model.FeatureCount, model.FeatureCount), 1, single);
            Assert.Equal(batch.AsSpan(row * single.Length, single.Length).ToArray(), single);
        }
    }

    [Fact]
    public void Softprob_rows_are_probabilities_summing_to_one()
    {
        var reference = models["multi:softprob"];
        var model = ModelLoader.LoadFile(reference.ModelPath);
        var predictions = new float[reference.RowCount * 4];
        model.Predict(reference.Rows, reference.RowCount, predictions);
        for (var row = 0; row < reference.RowCount; row++)
        {
            var values = predictions.AsSpan(row * 4, 4);
            Assert.All(values.ToArray(), p => Assert.InRange(p, 0f, 1f));
            Assert.Equal(1.0, values.ToArray().Sum(p => (double)p), 5);
        }

        Assert.Equal(["0", "1", "2", "3"], model.Output.Labels);
    }

    [Fact]
    public async Task Threads_predicting_at_once_get_what_one_thread_gets()
    {
        var reference = models["reg:squarederror"];
        var model = ModelLoader.LoadFile(reference.ModelPath);
        var alone = new float[reference.RowCount];
        model.Predict(reference.Rows, reference.RowCount, alone);

        var together = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            var predictions = new float[reference.RowCount];
            for (var round = 0; round < 50; round++)
            {
                model.Predict(reference.Rows, reference.RowCount, predictions);
            }

            return predictions;
        })));
        Assert.All(together, predictions => Assert.Equal(alone, predictions));
    }

    [Fact]
    public void The_json_that_xgboost_wrote_loads_from_a_stream_and_from_bytes_alike()
    {
        var reference = models["binary:logistic"];
        var bytes = File.ReadAllBytes(reference.ModelPath);
        using var stream = new MemoryStream(bytes);
        var fromStream = ModelLoader.Load(stream);
        var fromBytes = ModelLoader.Load(bytes);
        var a = new float[reference.RowCount];
        var b = new float[reference.RowCount];
        fromStream.Predict(reference.Rows, reference.RowCount, a);
        fromBytes.Predict(reference.Rows, reference.RowCount, b);
        Assert.Equal(a, b);
    }
}
