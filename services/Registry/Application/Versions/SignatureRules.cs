using System.Globalization;

namespace Mlops.Registry.Application.Versions;

/// <summary>A signature's rules: Open Inference Protocol datatypes, bounded shapes, unique names.</summary>
public static class SignatureRules
{
    public const int MaxInputs = 1000;
    public const int MaxOutputs = 100;
    public const int MaxTensorNameLength = 128;
    public const int MaxDimensions = 32;

    /// <summary>The datatypes of the Open Inference Protocol (KServe v2), written as it writes them.</summary>
    public static IReadOnlyList<string> Datatypes { get; } =
        ["BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16", "FP32", "FP64", "BYTES"];

    /// <summary>The signature, or null when there is none (also when it has neither inputs nor outputs).</summary>
    public static SignatureInfo? Validate(string field, SignatureInfo? signature)
    {
        if (signature is null || (signature.Inputs.Count == 0 && signature.Outputs.Count == 0))
        {
            return null;
        }

        return new SignatureInfo(Tensors($"{field}.inputs", signature.Inputs, MaxInputs), Tensors($"{field}.outputs", signature.Outputs, MaxOutputs));
    }

    private static List<TensorInfo> Tensors(string field, IReadOnlyList<TensorInfo> tensors, int max)
    {
        if (tensors.Count > max)
        {
            throw RegistryException.Invalid(string.Create(CultureInfo.InvariantCulture, $"{field} has {tensors.Count} tensors: at most {max} are allowed."));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var valid = new List<TensorInfo>(tensors.Count);
        for (var i = 0; i < tensors.Count; i++)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]");
            var tensor = tensors[i];
            var name = TextRules.Printable($"{at}.name", tensor.Name, MaxTensorNameLength, required: true);
            if (!names.Add(name))
            {
                throw RegistryException.Invalid($"{at}.name '{name}' is given twice: tensor names are unique among the {field[(field.LastIndexOf('.') + 1)..]}.");
            }

            if (!Datatypes.Contains(tensor.Datatype, StringComparer.Ordinal))
            {
                var hint = Datatypes.FirstOrDefault(d => string.Equals(d, tensor.Datatype, StringComparison.OrdinalIgnoreCase)) is { } upper ? $" (write '{upper}')" : "";
                throw RegistryException.Invalid($"{at}.datatype '{tensor.Datatype}' is not an Open Inference Protocol datatype{hint}: use one of {string.Join(", ", Datatypes)}.");
            }

            if (tensor.Shape.Count > MaxDimensions)
            {
                throw RegistryException.Invalid(string.Create(CultureInfo.InvariantCulture, $"{at}.shape has {tensor.Shape.Count} dimensions: at most {MaxDimensions} are allowed."));
            }

            for (var d = 0; d < tensor.Shape.Count; d++)
            {
                if (tensor.Shape[d] < -1)
                {
                    throw RegistryException.Invalid(string.Create(
                        CultureInfo.InvariantCulture, $"{at}.shape[{d}] is {tensor.Shape[d]}: a dimension is a size (0 or more) or -1 for a variable size."));
                }
            }

            valid.Add(new TensorInfo(name, tensor.Datatype, tensor.Shape.ToArray()));
        }

        return valid;
    }
}
