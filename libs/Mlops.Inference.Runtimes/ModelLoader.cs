using System.Text.Json;
using Mlops.Inference.Runtimes.Json;
using Mlops.Inference.Runtimes.Linear;
using Mlops.Inference.Runtimes.XGBoost;

namespace Mlops.Inference.Runtimes;

/// <summary>
/// Loads a model from its JSON file, telling the format from the document: XGBoost's JSON model (a
/// <c>learner</c> object) or the linear model format of docs/runtimes/linear-model.md (a <c>type</c> field).
/// </summary>
public static class ModelLoader
{
    /// <exception cref="ModelFormatException">The JSON is invalid, of no known format, or a field is wrong.</exception>
    public static ILoadedModel Load(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = Parse(() => JsonDocument.Parse(utf8Json));
        return Read(document.RootElement);
    }

    /// <exception cref="ModelFormatException">The JSON is invalid, of no known format, or a field is wrong.</exception>
    public static ILoadedModel Load(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var document = Parse(() => JsonDocument.Parse(utf8Json));
        return Read(document.RootElement);
    }

    /// <exception cref="ModelFormatException">The JSON is invalid, of no known format, or a field is wrong.</exception>
    public static ILoadedModel LoadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    private static JsonDocument Parse(Func<JsonDocument> parse)
    {
        try
        {
            return parse();
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(string.Empty, $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }
    }

    private static ILoadedModel Read(JsonElement element)
    {
        var root = JsonField.Root(element);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw root.Error("a model file must be a JSON object.");
        }

        if (root.Has("learner"))
        {
            return XGBoostJsonReader.Read(root);
        }

        if (root.Has("type"))
        {
            return LinearModelJsonReader.Read(root);
        }

        throw root.Error("neither an XGBoost JSON model (no \"learner\" object) nor a linear model (no \"type\" field).");
    }
}
