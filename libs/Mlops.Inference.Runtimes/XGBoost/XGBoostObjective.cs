namespace Mlops.Inference.Runtimes.XGBoost;

/// <summary>The XGBoost objectives served, each with its transform from margin to prediction.</summary>
internal enum XGBoostObjective
{
    /// <summary><c>reg:squarederror</c>: the margin itself.</summary>
    SquaredError,

    /// <summary><c>binary:logistic</c>: the sigmoid of the margin.</summary>
    BinaryLogistic,

    /// <summary><c>multi:softprob</c>: the softmax over the per-class margins.</summary>
    MultiSoftprob,
}
