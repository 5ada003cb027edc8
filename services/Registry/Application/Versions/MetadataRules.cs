using System.Text;
using System.Text.Json;

namespace Mlops.Registry.Application.Versions;

/// <summary>
/// The contract's rules for a version's metadata (mlops.registry.v1.ModelVersionHeader, fields 30-38). Each check
/// names the request field it refuses, so that the caller sees which one to fix.
/// </summary>
public static class MetadataRules
{
    public const int MaxIdentifierLength = 64;
    public const int MaxInputExampleBytes = 1024 * 1024;

    // Deep enough for any realistic request body, and the parser's own default.
    private const int MaxInputExampleDepth = 64;

    /// <summary>The metadata as stored: every part checked, absent parts in their empty form.</summary>
    public static ModelVersionMetadata Validate(string prefix, ModelVersionMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var framework = Identifier($"{prefix}.framework", metadata.Framework);
        var frameworkVersion = FrameworkVersion($"{prefix}.framework_version", metadata.FrameworkVersion);
        if (frameworkVersion.Length > 0 && framework.Length == 0)
        {
            throw RegistryException.Invalid($"{prefix}.framework_version is '{frameworkVersion}' but {prefix}.framework is empty: say which framework the version belongs to.");
        }

        return new ModelVersionMetadata(
            Identifier($"{prefix}.flavor", metadata.Flavor),
            framework,
            frameworkVersion,
            SignatureRules.Validate($"{prefix}.signature", metadata.Signature),
            InputExample($"{prefix}.input_example", metadata.InputExample),
            MeasurementRules.Metrics($"{prefix}.metrics", metadata.Metrics),
            MeasurementRules.Params($"{prefix}.params", metadata.Params),
            SourceRules.Validate($"{prefix}.source", metadata.Source),
            DatasetReferenceRules.Validate($"{prefix}.dataset_versions", metadata.DatasetVersions));
    }

    /// <summary>A flavor or framework: empty, or a lower-case letter then lower-case letters, digits, '.', '_' and '-'.</summary>
    public static string Identifier(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var valid = value.Length <= MaxIdentifierLength && char.IsAsciiLetterLower(value[0]);
        foreach (var c in value)
        {
            valid &= char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-';
        }

        return valid
            ? value
            : throw RegistryException.Invalid(
                $"{field} '{value}' is invalid: it must have 1 to {MaxIdentifierLength} characters, lower-case letters, digits, '.', '_' and '-', starting with a letter (e.g. 'xgboost', 'scikit-learn').");
    }

    public static string FrameworkVersion(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var valid = value.Length <= MaxIdentifierLength;
        foreach (var c in value)
        {
            valid &= char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+';
        }

        return valid
            ? value
            : throw RegistryException.Invalid(
                $"{field} '{value}' is invalid: it must have 1 to {MaxIdentifierLength} characters, letters, digits, '.', '_', '-' and '+' (e.g. '2.1.0+cu121').");
    }

    /// <summary>Empty, or one JSON value of at most 1 MiB in UTF-8, kept exactly as sent.</summary>
    public static string InputExample(string field, string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return "";
        }

        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > MaxInputExampleBytes)
        {
            throw RegistryException.Invalid($"{field} is too large: at most {MaxInputExampleBytes} bytes (1 MiB) of UTF-8, not {bytes}.");
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxInputExampleDepth });
        }
        catch (JsonException e)
        {
            throw RegistryException.Invalid($"{field} is not valid JSON: {e.Message}");
        }

        return json;
    }
}
