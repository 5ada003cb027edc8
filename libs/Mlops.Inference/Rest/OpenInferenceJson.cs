using System.Collections.Frozen;
using System.Text;
using System.Text.Json;

namespace Mlops.Inference.Rest;

/// <summary>
/// The JSON forms of the REST protocol. Property names and datatype names are case-sensitive;
/// tensor data is row-major, flat or nested as the shape. FP values that JSON cannot hold (NaN,
/// ±Infinity) travel as the strings "NaN", "Infinity", "-Infinity"; BYTES elements as UTF-8 strings.
/// </summary>
public static class OpenInferenceJson
{
    public static InferenceRequest ReadRequest(JsonElement body, string modelName, string? modelVersion)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw InferenceException.InvalidArgument("The request body must be a JSON object.");
        }

        if (!body.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
        {
            throw InferenceException.InvalidArgument("The request needs \"inputs\", an array.");
        }

        var outputs = new List<RequestedOutput>();
        if (body.TryGetProperty("outputs", out var requested))
        {
            if (requested.ValueKind != JsonValueKind.Array)
            {
                throw InferenceException.InvalidArgument("\"outputs\" must be an array.");
            }

            foreach (var output in requested.EnumerateArray())
            {
                var name = RequiredName(output, "A requested output");
                outputs.Add(new RequestedOutput(name) { Parameters = ReadParameters(output, $"Output '{name}'") });
            }
        }

        string? id = null;
        if (body.TryGetProperty("id", out var idElement))
        {
            id = idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : throw InferenceException.InvalidArgument("\"id\" must be a string.");
        }

        return new InferenceRequest(modelName, string.IsNullOrEmpty(modelVersion) ? null : modelVersion, inputs.EnumerateArray().Select(ReadInput).ToList())
        {
            Id = string.IsNullOrEmpty(id) ? null : id,
            Parameters = ReadParameters(body, "The request"),
            Outputs = outputs,
        };
    }

    public static void WriteResponse(Utf8JsonWriter writer, InferenceResponse response)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(response);
        writer.WriteStartObject();
        writer.WriteString("model_name", response.ModelName);
        if (response.ModelVersion is not null)
        {
            writer.WriteString("model_version", response.ModelVersion);
        }

        if (response.Id is not null)
        {
            writer.WriteString("id", response.Id);
        }

        WriteParameters(writer, response.Parameters);
        writer.WriteStartArray("outputs");
        foreach (var output in response.Outputs)
        {
            writer.WriteStartObject();
            writer.WriteString("name", output.Name);
            writer.WriteString("datatype", output.DataType.ToWireName());
            WriteShape(writer, output.Shape);
            WriteParameters(writer, output.Parameters);
            writer.WritePropertyName("data");
            WriteData(writer, output);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteModelMetadata(Utf8JsonWriter writer, ModelMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(metadata);
        writer.WriteStartObject();
        writer.WriteString("name", metadata.Name);
        if (metadata.Versions.Count > 0)
        {
            writer.WriteStartArray("versions");
            foreach (var version in metadata.Versions)
            {
                writer.WriteStringValue(version);
            }

            writer.WriteEndArray();
        }

        writer.WriteString("platform", metadata.Platform);
        WriteTensorMetadata(writer, "inputs", metadata.Inputs);
        WriteTensorMetadata(writer, "outputs", metadata.Outputs);
        writer.WriteEndObject();
    }

    public static void WriteServerMetadata(Utf8JsonWriter writer, ServerMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(metadata);
        writer.WriteStartObject();
        writer.WriteString("name", metadata.Name);
        writer.WriteString("version", metadata.Version);
        writer.WriteStartArray("extensions");
        foreach (var extension in metadata.Extensions)
        {
            writer.WriteStringValue(extension);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>{"error": message}, the body of every failed call.</summary>
    public static void WriteError(Utf8JsonWriter writer, string message)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("error", message);
        writer.WriteEndObject();
    }

    private static InferenceTensor ReadInput(JsonElement input)
    {
        var name = RequiredName(input, "An input");
        var what = $"Input '{name}'";
        var dataType = TensorDecoding.RequireDataType(
            what, input.TryGetProperty("datatype", out var datatype) && datatype.ValueKind == JsonValueKind.String ? datatype.GetString() : null);
        var shape = ReadShape(input, what);
        var parameters = ReadParameters(input, what);
        if (parameters.ContainsKey("binary_data_size"))
        {
            throw InferenceException.InvalidArgument($"{what} uses the binary tensor data extension, which this server does not support; send \"data\".");
        }

        if (!input.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw InferenceException.InvalidArgument($"{what} needs \"data\", an array.");
        }

        var count = TensorDecoding.RequireElementCount(what, shape);
        var leaves = new List<JsonElement>(count);
        Flatten(data, leaves);
        TensorDecoding.RequireLength(what, shape, count, leaves.Count);
        return new InferenceTensor(name, dataType, shape, Convert(what, dataType, leaves), parameters);
    }

    private static void Flatten(JsonElement array, List<JsonElement> leaves)
    {
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                Flatten(element, leaves);
            }
            else
            {
                leaves.Add(element);
            }
        }
    }

    private static List<long> ReadShape(JsonElement input, string what)
    {
        if (!input.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array)
        {
            throw InferenceException.InvalidArgument($"{what} needs \"shape\", an array of non-negative integers.");
        }

        var dims = new List<long>();
        foreach (var dim in shape.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt64(out var value) || value < 0)
            {
                throw InferenceException.InvalidArgument($"{what} has shape {shape.GetRawText()}; dimensions must be non-negative integers.");
            }

            dims.Add(value);
        }

        return dims;
    }

    private static Array Convert(string what, TensorDataType dataType, List<JsonElement> leaves) => dataType switch
    {
        TensorDataType.Bool => Each(what, dataType, leaves, (JsonElement e, out bool v) =>
        {
            v = e.ValueKind == JsonValueKind.True;
            return e.ValueKind is JsonValueKind.True or JsonValueKind.False;
        }),
        TensorDataType.UInt8 => Each(what, dataType, leaves, (JsonElement e, out byte v) => Number(e, out v) && e.TryGetByte(out v)),
        TensorDataType.UInt16 => Each(what, dataType, leaves, (JsonElement e, out ushort v) => Number(e, out v) && e.TryGetUInt16(out v)),
        TensorDataType.UInt32 => Each(what, dataType, leaves, (JsonElement e, out uint v) => Number(e, out v) && e.TryGetUInt32(out v)),
        TensorDataType.UInt64 => Each(what, dataType, leaves, (JsonElement e, out ulong v) => Number(e, out v) && e.TryGetUInt64(out v)),
        TensorDataType.Int8 => Each(what, dataType, leaves, (JsonElement e, out sbyte v) => Number(e, out v) && e.TryGetSByte(out v)),
        TensorDataType.Int16 => Each(what, dataType, leaves, (JsonElement e, out short v) => Number(e, out v) && e.TryGetInt16(out v)),
        TensorDataType.Int32 => Each(what, dataType, leaves, (JsonElement e, out int v) => Number(e, out v) && e.TryGetInt32(out v)),
        TensorDataType.Int64 => Each(what, dataType, leaves, (JsonElement e, out long v) => Number(e, out v) && e.TryGetInt64(out v)),
        TensorDataType.Fp16 => Each(what, dataType, leaves, (JsonElement e, out Half v) =>
        {
            var ok = TryReadFloat(e, out var d);
            v = (Half)d;
            return ok && (Half.IsFinite(v) || !double.IsFinite(d));
        }),
        TensorDataType.Fp32 => Each(what, dataType, leaves, (JsonElement e, out float v) =>
        {
            var ok = TryReadFloat(e, out var d);
            v = (float)d;
            return ok && (float.IsFinite(v) || !double.IsFinite(d));
        }),
        TensorDataType.Fp64 => Each(what, dataType, leaves, (JsonElement e, out double v) => TryReadFloat(e, out v)),
        TensorDataType.Bytes => Each(what, dataType, leaves, (JsonElement e, out byte[] v) =>
        {
            v = e.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetBytes(e.GetString()!) : [];
            return e.ValueKind == JsonValueKind.String;
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(dataType), dataType, null),
    };

    private delegate bool ElementReader<T>(JsonElement element, out T value);

    private static T[] Each<T>(string what, TensorDataType dataType, List<JsonElement> leaves, ElementReader<T> read)
    {
        var values = new T[leaves.Count];
        for (var i = 0; i < values.Length; i++)
        {
            if (!read(leaves[i], out values[i]))
            {
                var text = leaves[i].GetRawText();
                throw InferenceException.InvalidArgument(
                    $"{what} is {dataType.ToWireName()}, but element {i} ({(text.Length > 40 ? text[..40] + "…" : text)}) is not a {dataType.ToWireName()} value.");
            }
        }

        return values;
    }

    private static bool Number<T>(JsonElement element, out T value)
    {
        value = default!;
        return element.ValueKind == JsonValueKind.Number;
    }

    private static bool TryReadFloat(JsonElement element, out double value)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                return element.TryGetDouble(out value) && double.IsFinite(value);
            case JsonValueKind.String:
                value = element.GetString() switch
                {
                    "NaN" => double.NaN,
                    "Infinity" => double.PositiveInfinity,
                    "-Infinity" => double.NegativeInfinity,
                    _ => 0,
                };
                return !double.IsFinite(value);
            default:
                value = 0;
                return false;
        }
    }

    private static string RequiredName(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw InferenceException.InvalidArgument($"{what} must be a JSON object.");
        }

        return element.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 } value
            ? value
            : throw InferenceException.InvalidArgument($"{what} has no \"name\".");
    }

    private static IReadOnlyDictionary<string, InferenceParameter> ReadParameters(JsonElement owner, string what)
    {
        if (!owner.TryGetProperty("parameters", out var parameters))
        {
            return FrozenDictionary<string, InferenceParameter>.Empty;
        }

        if (parameters.ValueKind != JsonValueKind.Object)
        {
            throw InferenceException.InvalidArgument($"{what} has \"parameters\" that is not an object.");
        }

        var result = new Dictionary<string, InferenceParameter>(StringComparer.Ordinal);
        foreach (var parameter in parameters.EnumerateObject())
        {
            var value = parameter.Value;
            result[parameter.Name] = value.ValueKind switch
            {
                JsonValueKind.String => InferenceParameter.Of(value.GetString()!),
                JsonValueKind.True => InferenceParameter.Of(true),
                JsonValueKind.False => InferenceParameter.Of(false),
                JsonValueKind.Number when value.TryGetInt64(out var integer) => InferenceParameter.Of(integer),
                JsonValueKind.Number when value.TryGetUInt64(out var unsigned) => InferenceParameter.Of(unsigned),
                JsonValueKind.Number => InferenceParameter.Of(value.GetDouble()),
                _ => throw InferenceException.InvalidArgument($"{what} has parameter '{parameter.Name}' that is not a string, number or boolean."),
            };
        }

        return result;
    }

    private static void WriteParameters(Utf8JsonWriter writer, IReadOnlyDictionary<string, InferenceParameter> parameters)
    {
        if (parameters.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("parameters");
        foreach (var (name, parameter) in parameters)
        {
            writer.WritePropertyName(name);
            switch (parameter.Value)
            {
                case bool value: writer.WriteBooleanValue(value); break;
                case long value: writer.WriteNumberValue(value); break;
                case ulong value: writer.WriteNumberValue(value); break;
                case double value: WriteFloat(writer, value); break;
                default: writer.WriteStringValue((string)parameter.Value); break;
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteShape(Utf8JsonWriter writer, IReadOnlyList<long> shape)
    {
        writer.WriteStartArray("shape");
        foreach (var dim in shape)
        {
            writer.WriteNumberValue(dim);
        }

        writer.WriteEndArray();
    }

    private static void WriteTensorMetadata(Utf8JsonWriter writer, string property, IReadOnlyList<TensorMetadata> tensors)
    {
        writer.WriteStartArray(property);
        foreach (var tensor in tensors)
        {
            writer.WriteStartObject();
            writer.WriteString("name", tensor.Name);
            writer.WriteString("datatype", tensor.DataType.ToWireName());
            WriteShape(writer, tensor.Shape);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteData(Utf8JsonWriter writer, InferenceTensor tensor)
    {
        writer.WriteStartArray();

        // By datatype, not by array type: the runtime lets sbyte[] pass for byte[], int[] for uint[], ...
        switch (tensor.DataType)
        {
            case TensorDataType.Bool: Each(tensor.GetData<bool>(), writer.WriteBooleanValue); break;
            case TensorDataType.UInt8: Each(tensor.GetData<byte>(), v => writer.WriteNumberValue(v)); break;
            case TensorDataType.UInt16: Each(tensor.GetData<ushort>(), v => writer.WriteNumberValue(v)); break;
            case TensorDataType.UInt32: Each(tensor.GetData<uint>(), writer.WriteNumberValue); break;
            case TensorDataType.UInt64: Each(tensor.GetData<ulong>(), writer.WriteNumberValue); break;
            case TensorDataType.Int8: Each(tensor.GetData<sbyte>(), v => writer.WriteNumberValue(v)); break;
            case TensorDataType.Int16: Each(tensor.GetData<short>(), v => writer.WriteNumberValue(v)); break;
            case TensorDataType.Int32: Each(tensor.GetData<int>(), writer.WriteNumberValue); break;
            case TensorDataType.Int64: Each(tensor.GetData<long>(), writer.WriteNumberValue); break;
            case TensorDataType.Fp16: Each(tensor.GetData<Half>(), v => WriteFloat(writer, (double)v)); break;
            case TensorDataType.Fp32: Each(tensor.GetData<float>(), v => WriteFloat(writer, v)); break;
            case TensorDataType.Fp64: Each(tensor.GetData<double>(), v => WriteFloat(writer, v)); break;
            case TensorDataType.Bytes: Each(tensor.GetData<byte[]>(), v => writer.WriteStringValue(Encoding.UTF8.GetString(v))); break;
            default: throw new ArgumentException($"Tensor '{tensor.Name}' has datatype {tensor.DataType}.", nameof(tensor));
        }

        writer.WriteEndArray();
    }

    private static void Each<T>(T[] values, Action<T> write)
    {
        foreach (var value in values)
        {
            write(value);
        }
    }

    private static void WriteFloat(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static void WriteFloat(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            WriteFloat(writer, (double)value);
        }
    }
}
