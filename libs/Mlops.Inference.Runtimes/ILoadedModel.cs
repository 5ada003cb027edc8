namespace Mlops.Inference.Runtimes;

/// <summary>
/// A model loaded into memory, ready to predict. Immutable once loaded: any number of threads may call
/// <see cref="Predict"/> at the same time.
/// </summary>
public interface ILoadedModel
{
    /// <summary>What the model was loaded from, e.g. <c>xgboost</c> or <c>logistic_regression</c>.</summary>
    string Format { get; }

    /// <summary>The number of features (columns) of every input row.</summary>
    int FeatureCount { get; }

    /// <summary>What <see cref="Predict"/> writes for each row.</summary>
    ModelOutput Output { get; }

    /// <summary>
    /// Predicts <paramref name="rowCount"/> rows. <paramref name="rows"/> holds them dense and row-major
    /// (<c>rowCount * FeatureCount</c> values, NaN for a missing value); <paramref name="output"/> receives
    /// <c>rowCount * Output.ValuesPerRow</c> values, row-major.
    /// </summary>
    /// <exception cref="ArgumentException">The spans' lengths do not match <paramref name="rowCount"/>.</exception>
    void Predict(ReadOnlySpan<float> rows, int rowCount, Span<float> output);
}
