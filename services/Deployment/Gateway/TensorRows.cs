using Mlops.Inference;

namespace Mlops.Deployment.Gateway;

/// <summary>
/// The builtin runtime's view of input tensors: each is a block of columns, <c>[rows, columns]</c> or, for one row,
/// <c>[columns]</c>; the model's feature row is the inputs' columns side by side, in the metadata's order.
/// </summary>
internal static class TensorRows
{
    /// <summary>The rows and columns of an input; throws INVALID_ARGUMENT naming it when its rank is not 1 or 2.</summary>
    public static (int Rows, int Columns) Dimensions(InferenceTensor tensor) => tensor.Shape.Count switch
    {
        1 => (1, (int)tensor.Shape[0]),
        2 => ((int)tensor.Shape[0], (int)tensor.Shape[1]),
        _ => throw InferenceException.InvalidArgument($"Input '{tensor.Name}' has shape {TensorShape.Format(tensor.Shape)}; the builtin runtime takes [rows, features] or [features]."),
    };

    /// <summary>Writes the tensor's values as float32 into columns <paramref name="offset"/>.. of each row of <paramref name="rows"/>.</summary>
    public static void Copy(InferenceTensor tensor, int rowCount, int columns, Span<float> rows, int featureCount, int offset)
    {
        switch (tensor.Data)
        {
            case float[] values:
                Scatter<float>(values, rowCount, columns, rows, featureCount, offset, static v => v);
                break;
            case double[] values:
                Scatter(values, rowCount, columns, rows, featureCount, offset, static v => (float)v);
                break;
            case int[] values:
                Scatter(values, rowCount, columns, rows, featureCount, offset, static v => v);
                break;
            case long[] values:
                Scatter(values, rowCount, columns, rows, featureCount, offset, static v => v);
                break;
            case short[] values:
                Scatter(values, rowCount, columns, rows, featureCount, offset, static v => v);
                break;
            case sbyte[] values:
                Scatter(values, rowCount, columns, rows, featureCount, offset, static v => v);
                break;
            case byte[] values:
                Scatter(values, rowCount, columns, rows, featureCount, offset, static v => v);
                break;
            case ushort[] values:
                Scatter(values, rowCount, columns, rows, featureCount, offset, static v => v);
                break;
            case uint[] values:
                Scatter(values, rowCount, columns, rows, featureCount, offset, static v => v);
                break;
            case ulong[] values:
                Scatter(values, rowCount, columns, rows, featureCount, offset, static v => v);
                break;
            case Half[] values:
                Scatter(values, rowCount, columns, rows, featureCount, offset, static v => (float)v);
                break;
            case bool[] values:
                Scatter(values, rowCount, columns, rows, featureCount, offset, static v => v ? 1f : 0f);
                break;
            default:
                throw InferenceException.InvalidArgument($"Input '{tensor.Name}' is {tensor.DataType.ToWireName()}; the builtin runtime takes numbers.");
        }
    }

    private static void Scatter<T>(T[] values, int rowCount, int columns, Span<float> rows, int featureCount, int offset, Func<T, float> convert)
    {
        for (var row = 0; row < rowCount; row++)
        {
            var source = values.AsSpan(row * columns, columns);
            var target = rows.Slice((row * featureCount) + offset, columns);
            for (var column = 0; column < columns; column++)
            {
                target[column] = convert(source[column]);
            }
        }
    }
}
