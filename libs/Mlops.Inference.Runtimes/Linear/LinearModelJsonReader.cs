using System.Globalization;
using System.Text.Json;
using Mlops.Inference.Runtimes.Json;

namespace Mlops.Inference.Runtimes.Linear;

/// <summary>Reads the linear model format described in docs/runtimes/linear-model.md.</summary>
internal static class LinearModelJsonReader
{
    public const string LinearRegression = "linear_regression";
    public const string LogisticRegression = "logistic_regression";

    private static readonly string[] KnownFields = ["type", "version", "coefficients", "intercept", "classes"];

    public static LinearModel Read(JsonField root)
    {
        var typeField = root.Required("type");
        var type = typeField.GetString();
        if (type is not (LinearRegression or LogisticRegression))
        {
            throw typeField.Error($"'{type}' is not a model type of this format; expected {LinearRegression} or {LogisticRegression}.");
        }

        // Unknown fields are refused, so that a misspelt "intercepts" is not silently read as no intercept.
        foreach (var property in root.Value.EnumerateObject())
        {
            if (Array.IndexOf(KnownFields, property.Name) < 0)
            {
                throw new ModelFormatException(property.Name, $"is not a field of the linear model format (fields: {string.Join(", ", KnownFields)}).");
            }
        }

        if (root.TryGet("version", out var version) && version.GetDouble() != 1)
        {
            throw version.Error("only version 1 of the linear model format exists.");
        }

        var (coefficients, scoreCount, featureCount) = ReadCoefficients(root.Required("coefficients"));
        var intercepts = ReadIntercepts(root.Required("intercept"), scoreCount);
        if (type == LinearRegression)
        {
            if (root.TryGet("classes", out var classes))
            {
                throw classes.Error($"only {LogisticRegression} has classes.");
            }

            return new LinearModel(type, featureCount, coefficients, intercepts, LinearLink.Identity, new ModelOutput(OutputKind.Value, scoreCount, []));
        }

        // One row of coefficients scores the positive class against the other (sklearn's binary case);
        // several rows score one class each, and the softmax over them gives the probabilities.
        var labels = ReadClasses(root, scoreCount == 1 ? 2 : scoreCount);
        return scoreCount == 1
            ? new LinearModel(type, featureCount, coefficients, intercepts, LinearLink.Sigmoid, new ModelOutput(OutputKind.Probability, 1, [labels[1]]))
            : new LinearModel(type, featureCount, coefficients, intercepts, LinearLink.Softmax, new ModelOutput(OutputKind.ClassProbabilities, scoreCount, labels));
    }

    private static (double[] Values, int Rows, int Columns) ReadCoefficients(JsonField field)
    {
        var rows = field.GetArrayLength();
        if (rows == 0)
        {
            throw field.Error("must not be empty.");
        }

        if (field.Item(0).Value.ValueKind != JsonValueKind.Array)
        {
            return (Numbers(field), 1, rows);
        }

        var columns = field.Item(0).GetArrayLength();
        if (columns == 0)
        {
            throw field.Item(0).Error("must not be empty.");
        }

        var values = new double[rows * columns];
        for (var row = 0; row < rows; row++)
        {
            var item = field.Item(row);
            if (item.Value.ValueKind != JsonValueKind.Array || item.GetArrayLength() != columns)
            {
                throw item.Error($"must be an array of {columns} numbers, as long as the first row.");
            }

            Numbers(item).CopyTo(values, row * columns);
        }

        return (values, rows, columns);
    }

    private static double[] ReadIntercepts(JsonField field, int scoreCount)
    {
        if (field.Value.ValueKind == JsonValueKind.Number)
        {
            return scoreCount == 1
                ? [field.GetDouble()]
                : throw field.Error($"must be an array of {scoreCount} numbers, one per row of coefficients.");
        }

        var values = Numbers(field);
        return values.Length == scoreCount
            ? values
            : throw field.Error($"holds {values.Length} numbers; there are {scoreCount} rows of coefficients.");
    }

    private static string[] ReadClasses(JsonField root, int classCount)
    {
        if (!root.TryGet("classes", out var field))
        {
            return [.. Enumerable.Range(0, classCount).Select(c => c.ToString(CultureInfo.InvariantCulture))];
        }

        if (field.GetArrayLength() != classCount)
        {
            throw field.Error($"holds {field.GetArrayLength()} labels; the coefficients score {classCount} classes.");
        }

        var labels = new string[classCount];
        for (var i = 0; i < classCount; i++)
        {
            labels[i] = field.Item(i).GetLabel();
            if (Array.IndexOf(labels, labels[i], 0, i) >= 0)
            {
                throw field.ItemError(i, $"'{labels[i]}' appears twice.");
            }
        }

        return labels;
    }

    private static double[] Numbers(JsonField array)
    {
        var values = new double[array.GetArrayLength()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = array.Item(i).GetDouble();
        }

        return values;
    }
}
