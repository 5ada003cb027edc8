namespace Mlops.Deployment.Application;

/// <summary>A registered model version, by number or by alias (exactly one of <see cref="Version"/> &gt; 0 and <see cref="Alias"/>).</summary>
public sealed record ModelReference(string Workspace, string ModelName, int Version, string Alias)
{
    /// <summary>The registry's URI of the reference: <c>models:/name/3</c> or <c>models:/name@alias</c>.</summary>
    public string Uri => Alias.Length > 0
        ? $"models:/{ModelName}@{Alias}"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"models:/{ModelName}/{Version}");
}
