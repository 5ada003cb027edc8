using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mlops.EventContracts;

namespace Mlops.Registry.Application.Versions;

/// <summary>
/// Etags of models and versions: opaque, and different for every revision of a resource and for a resource of the
/// same name created again later (the creation time is part of it), so that an old etag never matches by chance.
/// </summary>
public static class Etags
{
    public static string Of(ModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Of(EventSubjects.Model(model.Workspace, model.Name), model.CreateTime, model.Revision);
    }

    public static string Of(ModelVersionInfo version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return Of(EventSubjects.ModelVersion(version.Workspace, version.ModelName, version.Version), version.CreateTime, version.Revision);
    }

    /// <summary>Refuses the update when the caller named an etag that is no longer the resource's.</summary>
    public static void Check(string? expected, string current, string what)
    {
        if (!string.IsNullOrEmpty(expected) && !string.Equals(expected, current, StringComparison.Ordinal))
        {
            throw RegistryException.Aborted($"etag '{expected}' is not the current etag of {what}: it changed since it was read. Read it again and retry.");
        }
    }

    private static string Of(string subject, DateTimeOffset createTime, long revision)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{subject}\n{createTime.UtcTicks}\n{revision}");
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 12));
    }
}
