namespace Mlops.Inference.Runtimes;

/// <summary>The checks every <see cref="ILoadedModel.Predict"/> makes before touching memory.</summary>
internal static class PredictArguments
{
    public static void Check(int rowsLength, int rowCount, int featureCount, int outputLength, int valuesPerRow)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        var expectedInputs = (long)rowCount * featureCount;
        if (rowsLength != expectedInputs)
        {
            throw new ArgumentException($"rows holds {rowsLength} values; {rowCount} rows of {featureCount} features are {expectedInputs}.", "rows");
        }

        var expectedOutputs = (long)rowCount * valuesPerRow;
        if (outputLength != expectedOutputs)
        {
            throw new ArgumentException($"output holds {outputLength} values; {rowCount} rows of {valuesPerRow} outputs are {expectedOutputs}.", "output");
        }
    }
}
