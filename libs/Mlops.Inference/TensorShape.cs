namespace Mlops.Inference;

/// <summary>Element counts and text of shapes.</summary>
public static class TensorShape
{
    /// <summary>The number of elements of a shape, or null when a dimension is negative or the product does not fit an int.</summary>
    public static int? ElementCount(IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim < 0)
            {
                return null;
            }

            // A zero anywhere makes the product zero however large the other dimensions.
            if (dim == 0)
            {
                return 0;
            }
        }

        foreach (var dim in shape)
        {
            if (dim > int.MaxValue || (count *= dim) > int.MaxValue)
            {
                return null;
            }
        }

        return (int)count;
    }

    /// <summary>"[2, 3]", the way the protocol's JSON writes a shape.</summary>
    public static string Format(IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return "[" + string.Join(", ", shape) + "]";
    }
}
