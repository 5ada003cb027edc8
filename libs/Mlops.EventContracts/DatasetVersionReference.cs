namespace Mlops.EventContracts;

/// <summary>
/// A dataset version of the same workspace that a model version used. <see cref="Role"/> is TRAINING, VALIDATION,
/// TEST or OTHER, as text so that a role added later reaches old consumers as a value they can skip.
/// </summary>
public sealed record DatasetVersionReference(string DatasetName, int Version, string Role);
