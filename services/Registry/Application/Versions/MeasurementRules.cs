using System.Globalization;

namespace Mlops.Registry.Application.Versions;

/// <summary>
/// Metrics (name → finite number) and params (name → text). Keys follow MLflow's rule for metric and param names,
/// restricted to ASCII so that their size is their length: letters, digits, '_', '-', '.', '/' and ' '.
/// </summary>
public static class MeasurementRules
{
    public const int MaxKeyLength = 250;
    public const int MaxMetrics = 1000;
    public const int MaxParams = 200;
    public const int MaxParamValueLength = 1024;

    public static IReadOnlyDictionary<string, double> Metrics(string field, IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.Count > MaxMetrics)
        {
            throw RegistryException.Invalid(string.Create(CultureInfo.InvariantCulture, $"{field} has {metrics.Count} metrics: at most {MaxMetrics} are allowed."));
        }

        foreach (var (key, value) in metrics)
        {
            Key(field, key);

            // A NaN equals nothing and an infinity orders oddly: neither could be searched or compared meaningfully.
            if (!double.IsFinite(value))
            {
                var what = double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
                throw RegistryException.Invalid($"{field}['{key}'] is {what}: a metric must be a finite number.");
            }
        }

        return new Dictionary<string, double>(metrics, StringComparer.Ordinal);
    }

    public static IReadOnlyDictionary<string, string> Params(string field, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count > MaxParams)
        {
            throw RegistryException.Invalid(string.Create(CultureInfo.InvariantCulture, $"{field} has {parameters.Count} params: at most {MaxParams} are allowed."));
        }

        foreach (var (key, value) in parameters)
        {
            Key(field, key);
            if (value.Length > MaxParamValueLength)
            {
                throw RegistryException.Invalid(string.Create(
                    CultureInfo.InvariantCulture, $"{field}['{key}'] is too long: a param value has at most {MaxParamValueLength} characters, not {value.Length}."));
            }
        }

        return new Dictionary<string, string>(parameters, StringComparer.Ordinal);
    }

    public static void Key(string field, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length is 0 or > MaxKeyLength)
        {
            throw RegistryException.Invalid(string.Create(
                CultureInfo.InvariantCulture, $"{field} key '{key}' is invalid: a key has 1 to {MaxKeyLength} characters, not {key.Length}."));
        }

        for (var i = 0; i < key.Length; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(key[i]) || key[i] is '_' or '-' or '.' or '/' or ' '))
            {
                throw RegistryException.Invalid(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{field} key '{key}' has '{key[i]}' at position {i}: a key has ASCII letters, digits, '_', '-', '.', '/' and ' ' only."));
            }
        }
    }
}
