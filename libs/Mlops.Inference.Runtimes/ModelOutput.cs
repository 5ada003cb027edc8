namespace Mlops.Inference.Runtimes;

/// <summary>The shape and meaning of a model's output for one row.</summary>
/// <param name="Kind">What the values mean.</param>
/// <param name="ValuesPerRow">How many values each row produces.</param>
/// <param name="Labels">
/// The class labels: for <see cref="OutputKind.ClassProbabilities"/> one per value, in order; for
/// <see cref="OutputKind.Probability"/> the positive class alone; empty for <see cref="OutputKind.Value"/>.
/// </param>
public sealed record ModelOutput(OutputKind Kind, int ValuesPerRow, IReadOnlyList<string> Labels);
