namespace Mlops.Registry.Application.Versions;

/// <summary>
/// What a version says about its artifact, given with its header and never changed afterwards (except that
/// metrics may be added). Empty strings and collections mean "not said"; <see cref="Signature"/> is null then.
/// </summary>
public sealed record ModelVersionMetadata(
    string Flavor,
    string Framework,
    string FrameworkVersion,
    SignatureInfo? Signature,
    string InputExample,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, string> Params,
    VersionSource Source,
    IReadOnlyList<DatasetReference> DatasetVersions)
{
    public static ModelVersionMetadata None { get; } = new(
        "", "", "", null, "", new Dictionary<string, double>(), new Dictionary<string, string>(), VersionSource.None, []);
}
