using System.Globalization;
using Mlops.Persistence;

namespace Mlops.Deployment.Application;

/// <summary>Opaque page tokens of routes (the last workspace and model) and of promotions (the last creation time and id).</summary>
public static class PromotionPageTokens
{
    public static string EncodeRoute(PromotionRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return OpaquePageTokens.Encode($"{route.Workspace}\n{route.ModelName}");
    }

    public static (string Workspace, string ModelName)? DecodeRoute(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        return OpaquePageTokens.TryDecode(token, out var position) && position.Split('\n') is [var workspace, var modelName]
            ? (workspace, modelName)
            : throw Invalid();
    }

    public static string EncodePromotion(PromotionInfo promotion)
    {
        ArgumentNullException.ThrowIfNull(promotion);
        return OpaquePageTokens.Encode(string.Create(CultureInfo.InvariantCulture, $"{promotion.CreateTime.UtcTicks}:{promotion.Id:N}"));
    }

    public static (DateTimeOffset CreateTime, Guid Id)? DecodePromotion(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        return OpaquePageTokens.TryDecode(token, out var position)
            && position.Split(':') is [var ticks, var id]
            && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var utcTicks)
            && utcTicks <= DateTimeOffset.MaxValue.UtcTicks
            && Guid.TryParseExact(id, "N", out var guid)
                ? (new DateTimeOffset(utcTicks, TimeSpan.Zero), guid)
                : throw Invalid();
    }

    private static DeploymentException Invalid() =>
        DeploymentException.Invalid("page_token is invalid: pass the next_page_token of a previous response, or nothing for the first page.");
}
