using Microsoft.EntityFrameworkCore;

namespace Mlops.Deployment.Infrastructure;

/// <summary>
/// The endpoint's lock: its traffic row, selected FOR UPDATE inside the caller's transaction. Whoever holds it sees the
/// split as it is and may change it, or anything that must agree with it, before anyone else looks.
/// </summary>
internal static class TrafficLock
{
    /// <summary>The locked, tracked row, or null when the endpoint does not exist.</summary>
    public static async Task<TrafficEntity?> AcquireAsync(DeploymentDbContext dbContext, string endpoint, CancellationToken cancellationToken)
    {
        // ToListAsync, not SingleOrDefaultAsync: EF must not wrap the FOR UPDATE statement in a query of its own.
        var rows = await dbContext.Traffic
            .FromSql($"SELECT * FROM traffic WHERE endpoint = {endpoint} FOR UPDATE")
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.SingleOrDefault();
    }
}
