using System.Buffers;
using System.Runtime.CompilerServices;

namespace Mlops.Inference.Runtimes.Linear;

/// <summary>
/// Linear and logistic regression: one score per output, <c>intercept + coefficients · x</c>, computed in
/// double and written as float32. There is no notion of a missing value: a NaN feature makes its row's
/// outputs NaN.
/// </summary>
internal sealed class LinearModel : ILoadedModel
{
    // Softmax keeps one score per class until it has them all; beyond this many classes they go to a pooled array.
    private const int StackScores = 256;

    private readonly double[] _coefficients;
    private readonly double[] _intercepts;
    private readonly LinearLink _link;

    /// <param name="coefficients">Row-major, one row of <paramref name="featureCount"/> per score.</param>
    public LinearModel(string format, int featureCount, double[] coefficients, double[] intercepts, LinearLink link, ModelOutput output)
    {
        Format = format;
        FeatureCount = featureCount;
        _coefficients = coefficients;
        _intercepts = intercepts;
        _link = link;
        Output = output;
    }

    public string Format { get; }

    public int FeatureCount { get; }

    public ModelOutput Output { get; }

    public void Predict(ReadOnlySpan<float> rows, int rowCount, Span<float> output)
    {
        PredictArguments.Check(rows.Length, rowCount, FeatureCount, output.Length, Output.ValuesPerRow);
        var scoreCount = _intercepts.Length;
        double[]? rented = null;
        var scores = _link != LinearLink.Softmax ? default
            : scoreCount <= StackScores ? stackalloc double[scoreCount]
            : (rented = ArrayPool<double>.Shared.Rent(scoreCount)).AsSpan(0, scoreCount);
        try
        {
            for (var row = 0; row < rowCount; row++)
            {
                var features = rows.Slice(row * FeatureCount, FeatureCount);
                var values = output.Slice(row * Output.ValuesPerRow, Output.ValuesPerRow);
                switch (_link)
                {
                    case LinearLink.Identity:
                        for (var k = 0; k < scoreCount; k++)
                        {
                            values[k] = (float)Score(k, features);
                        }

                        break;
                    case LinearLink.Sigmoid:
                        values[0] = (float)(1d / (1d + Math.Exp(-Score(0, features))));
                        break;
                    default:
                        Softmax(features, scores, values);
                        break;
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    private void Softmax(ReadOnlySpan<float> features, Span<double> scores, Span<float> values)
    {
        var max = double.NegativeInfinity;
        for (var k = 0; k < scores.Length; k++)
        {
            scores[k] = Score(k, features);
            max = Math.Max(max, scores[k]);
        }

        var sum = 0d;
        for (var k = 0; k < scores.Length; k++)
        {
            scores[k] = Math.Exp(scores[k] - max);
            sum += scores[k];
        }

        for (var k = 0; k < scores.Length; k++)
        {
            values[k] = (float)(scores[k] / sum);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Score(int output, ReadOnlySpan<float> features)
    {
        var weights = _coefficients.AsSpan(output * features.Length, features.Length);
        var sum = _intercepts[output];
        for (var j = 0; j < weights.Length; j++)
        {
            sum += weights[j] * features[j];
        }

        return sum;
    }
}
