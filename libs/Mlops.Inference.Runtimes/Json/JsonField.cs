using System.Globalization;
using System.Text.Json;

namespace Mlops.Inference.Runtimes.Json;

/// <summary>
/// A JSON value and its path from the document's root, so that every complaint about a model file names the
/// field it is about.
/// </summary>
internal readonly struct JsonField(JsonElement value, string path)
{
    public JsonElement Value { get; } = value;

    public string Path { get; } = path;

    public static JsonField Root(JsonElement root) => new(root, string.Empty);

    public bool Has(string name) => Value.ValueKind == JsonValueKind.Object && Value.TryGetProperty(name, out _);

    public JsonField Required(string name)
    {
        ExpectKind(JsonValueKind.Object, "an object");
        return Value.TryGetProperty(name, out var child) ? new JsonField(child, Child(name)) : throw new ModelFormatException(Child(name), "is missing.");
    }

    public bool TryGet(string name, out JsonField field)
    {
        ExpectKind(JsonValueKind.Object, "an object");
        var found = Value.TryGetProperty(name, out var child);
        field = found ? new JsonField(child, Child(name)) : default;
        return found;
    }

    public string GetString()
    {
        ExpectKind(JsonValueKind.String, "a string");
        return Value.GetString()!;
    }

    /// <summary>A string, or a number or boolean as its JSON text: class labels may be any of them.</summary>
    public string GetLabel() => Value.ValueKind switch
    {
        JsonValueKind.String => Value.GetString()!,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => Value.GetRawText(),
        _ => throw Error("must be a string, a number or a boolean."),
    };

    /// <summary>An integer written as a string (as XGBoost writes its parameters) or as a number.</summary>
    public int GetIntegerParameter()
    {
        var text = Value.ValueKind switch
        {
            JsonValueKind.String => Value.GetString()!,
            JsonValueKind.Number => Value.GetRawText(),
            _ => throw Error("must be an integer (as a string or a number)."),
        };
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw Error($"'{text}' is not an integer.");
    }

    /// <summary>A float written as a string (as XGBoost writes <c>base_score</c>) or as a number.</summary>
    public float GetFloatParameter()
    {
        var text = Value.ValueKind switch
        {
            JsonValueKind.String => Value.GetString()!,
            JsonValueKind.Number => Value.GetRawText(),
            _ => throw Error("must be a number (as a string or a number)."),
        };
        return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) && float.IsFinite(result)
            ? result
            : throw Error($"'{text}' is not a finite number.");
    }

    public double GetDouble()
    {
        ExpectKind(JsonValueKind.Number, "a number");
        return Value.TryGetDouble(out var result) && double.IsFinite(result) ? result : throw Error("must be a finite number.");
    }

    public int GetArrayLength()
    {
        ExpectKind(JsonValueKind.Array, "an array");
        return Value.GetArrayLength();
    }

    public JsonField Item(int index) => new(Value[index], $"{Path}[{index}]");

    public int[] GetInt32Array()
    {
        var result = new int[GetArrayLength()];
        var index = 0;
        foreach (var item in Value.EnumerateArray())
        {
            result[index] = item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var value)
                ? value
                : throw ItemError(index, "must be a 32-bit integer.");
            index++;
        }

        return result;
    }

    /// <summary>Parsed straight to float32: XGBoost writes its float32 values with the digits that round-trip.</summary>
    public float[] GetSingleArray()
    {
        var result = new float[GetArrayLength()];
        var index = 0;
        foreach (var item in Value.EnumerateArray())
        {
            result[index] = item.ValueKind == JsonValueKind.Number && item.TryGetSingle(out var value) && float.IsFinite(value)
                ? value
                : throw ItemError(index, "must be a finite float32 number.");
            index++;
        }

        return result;
    }

    /// <summary>Booleans written as 0 / 1 (XGBoost 1.x) or as true / false.</summary>
    public bool[] GetBooleanArray()
    {
        var result = new bool[GetArrayLength()];
        var index = 0;
        foreach (var item in Value.EnumerateArray())
        {
            result[index] = item.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number when item.TryGetInt32(out var value) && value is 0 or 1 => value == 1,
                _ => throw ItemError(index, "must be 0, 1, true or false."),
            };
            index++;
        }

        return result;
    }

    public ModelFormatException Error(string message) => new(Path, message);

    public ModelFormatException ItemError(int index, string message) => new($"{Path}[{index}]", message);

    private string Child(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    private void ExpectKind(JsonValueKind kind, string description)
    {
        if (Value.ValueKind != kind)
        {
            throw Error($"must be {description}, not {Describe(Value.ValueKind)}.");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
