using System.Globalization;

namespace Mlops.Registry.Application.Versions;

/// <summary>The dataset versions a model version names: well-formed references, each (dataset, version, role) once.</summary>
public static class DatasetReferenceRules
{
    public const int MaxReferences = 100;

    public static IReadOnlyList<DatasetReference> Validate(string field, IReadOnlyList<DatasetReference> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        if (references.Count > MaxReferences)
        {
            throw RegistryException.Invalid(string.Create(
                CultureInfo.InvariantCulture, $"{field} has {references.Count} dataset versions: at most {MaxReferences} are allowed."));
        }

        var seen = new HashSet<DatasetReference>();
        for (var i = 0; i < references.Count; i++)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]");
            var reference = references[i];
            RegistryRules.Name($"{at}.dataset_name", reference.DatasetName);
            if (reference.Version < 1)
            {
                throw RegistryException.Invalid(string.Create(CultureInfo.InvariantCulture, $"{at}.version is {reference.Version}: dataset versions are numbered from 1."));
            }

            if (reference.Role is not (DatasetUse.Training or DatasetUse.Validation or DatasetUse.Test or DatasetUse.Other))
            {
                throw RegistryException.Invalid($"{at}.role must be TRAINING, VALIDATION, TEST or OTHER: say what the dataset was used for.");
            }

            if (!seen.Add(reference))
            {
                throw RegistryException.Invalid(string.Create(
                    CultureInfo.InvariantCulture, $"{at} repeats dataset '{reference.DatasetName}' version {reference.Version} as {reference.Role}: name each use once."));
            }
        }

        return references.ToArray();
    }
}
