namespace Mlops.Inference;

/// <summary>Checks a request against the model's metadata; every failure is INVALID_ARGUMENT naming the tensor.</summary>
public static class InferenceValidator
{
    public static void Validate(InferenceRequest request, ModelMetadata model)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(model);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in request.Inputs)
        {
            if (!seen.Add(input.Name))
            {
                throw InferenceException.InvalidArgument($"Input '{input.Name}' is given more than once.");
            }

            var expected = model.Inputs.FirstOrDefault(i => string.Equals(i.Name, input.Name, StringComparison.Ordinal))
                ?? throw InferenceException.InvalidArgument(
                    $"Unexpected input '{input.Name}' for model '{model.Name}', which takes {Names(model.Inputs)}.");
            if (input.DataType != expected.DataType)
            {
                throw InferenceException.InvalidArgument(
                    $"Input '{input.Name}' has datatype {input.DataType.ToWireName()}; model '{model.Name}' expects {expected.DataType.ToWireName()}.");
            }

            if (!Fits(input.Shape, expected.Shape))
            {
                throw InferenceException.InvalidArgument(
                    $"Input '{input.Name}' has shape {TensorShape.Format(input.Shape)}; model '{model.Name}' expects {TensorShape.Format(expected.Shape)} (-1: any size).");
            }
        }

        foreach (var expected in model.Inputs)
        {
            if (!seen.Contains(expected.Name))
            {
                throw InferenceException.InvalidArgument($"Missing input '{expected.Name}' for model '{model.Name}'.");
            }
        }

        var requested = new HashSet<string>(StringComparer.Ordinal);
        foreach (var output in request.Outputs)
        {
            if (!requested.Add(output.Name))
            {
                throw InferenceException.InvalidArgument($"Output '{output.Name}' is requested more than once.");
            }

            if (!model.Outputs.Any(o => string.Equals(o.Name, output.Name, StringComparison.Ordinal)))
            {
                throw InferenceException.InvalidArgument(
                    $"Unknown output '{output.Name}' for model '{model.Name}', which gives {Names(model.Outputs)}.");
            }
        }
    }

    /// <summary>Same rank, and every fixed dimension equal.</summary>
    public static bool Fits(IReadOnlyList<long> shape, IReadOnlyList<long> declared)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(declared);
        if (shape.Count != declared.Count)
        {
            return false;
        }

        for (var i = 0; i < shape.Count; i++)
        {
            if (declared[i] != TensorMetadata.VariableDimension && declared[i] != shape[i])
            {
                return false;
            }
        }

        return true;
    }

    private static string Names(IReadOnlyList<TensorMetadata> tensors) =>
        tensors.Count == 0 ? "none" : string.Join(", ", tensors.Select(t => $"'{t.Name}'"));
}
