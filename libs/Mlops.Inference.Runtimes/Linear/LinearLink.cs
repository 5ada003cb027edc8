namespace Mlops.Inference.Runtimes.Linear;

/// <summary>How a linear model turns its scores into predictions.</summary>
internal enum LinearLink
{
    /// <summary>Linear regression: the scores themselves.</summary>
    Identity,

    /// <summary>Binary logistic regression: the sigmoid of the one score.</summary>
    Sigmoid,

    /// <summary>Multinomial logistic regression: the softmax over one score per class.</summary>
    Softmax,
}
