using System.Globalization;

namespace Mlops.Inference;

/// <summary>A request, tensor or response parameter: a bool, an int64, a string, or (Triton's additions) a double or a uint64.</summary>
public sealed record InferenceParameter
{
    private InferenceParameter(object value) => Value = value;

    /// <summary>A <see cref="bool"/>, <see cref="long"/>, <see cref="string"/>, <see cref="double"/> or <see cref="ulong"/>.</summary>
    public object Value { get; }

    public static InferenceParameter Of(bool value) => new(value);

    public static InferenceParameter Of(long value) => new(value);

    public static InferenceParameter Of(string value) => new(value ?? throw new ArgumentNullException(nameof(value)));

    public static InferenceParameter Of(double value) => new(value);

    public static InferenceParameter Of(ulong value) => new(value);

    public override string ToString() => Convert.ToString(Value, CultureInfo.InvariantCulture) ?? string.Empty;
}
