namespace Mlops.Registry.Application.Versions;

/// <summary>What a model version did with a dataset version.</summary>
public enum DatasetUse
{
    /// <summary>Not said; refused in a request.</summary>
    Unspecified,
    Training,
    Validation,
    Test,
    Other,
}
