namespace Mlops.Inference.Runtimes;

/// <summary>What the values a model predicts for a row mean.</summary>
public enum OutputKind
{
    /// <summary>Regression: one or more real values per row.</summary>
    Value,

    /// <summary>Binary classification: one value per row, the probability of the positive class.</summary>
    Probability,

    /// <summary>Multiclass classification: one probability per class, summing to 1.</summary>
    ClassProbabilities,
}
