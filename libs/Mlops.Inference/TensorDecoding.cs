namespace Mlops.Inference;

/// <summary>Checks every decoder makes before building a tensor, with messages that name it.</summary>
internal static class TensorDecoding
{
    /// <summary>"Input 'a'" or "Output 'sum'": how messages name a tensor.</summary>
    public static string Describe(bool isInput, string name) => isInput ? $"Input '{name}'" : $"Output '{name}'";

    public static TensorDataType RequireDataType(string what, string? datatype) =>
        TensorDataTypes.TryParse(datatype, out var dataType)
            ? dataType
            : throw InferenceException.InvalidArgument(
                $"{what} has datatype '{datatype}', which is not one of BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES (case-sensitive).");

    public static int RequireElementCount(string what, IReadOnlyList<long> shape) =>
        TensorShape.ElementCount(shape)
            ?? throw InferenceException.InvalidArgument($"{what} has shape {TensorShape.Format(shape)}: dimensions must be non-negative and the tensor no larger than {int.MaxValue} elements.");

    public static void RequireLength(string what, IReadOnlyList<long> shape, int elementCount, int actual)
    {
        if (actual != elementCount)
        {
            throw InferenceException.InvalidArgument(
                $"{what} has shape {TensorShape.Format(shape)} ({elementCount} elements) but its data holds {actual}.");
        }
    }

    public static void RequireName(bool isInput, string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw InferenceException.InvalidArgument(isInput ? "An input has no name." : "An output has no name.");
        }
    }
}
