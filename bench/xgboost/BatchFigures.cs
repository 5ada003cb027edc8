namespace Mlops.Bench.XGBoost;

/// <summary>Whole batches back to back: rows per second and the mean time of one batch.</summary>
internal sealed record BatchFigures(double RowsPerSecond, double MsPerBatch, long Batches);
