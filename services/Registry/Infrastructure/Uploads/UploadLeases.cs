using Microsoft.Extensions.Options;
using Mlops.Registry.Application.Uploads;

namespace Mlops.Registry.Infrastructure.Uploads;

/// <summary>Renews the leases of this instance's uploads, each on a scope (and database connection) of its own.</summary>
internal sealed class UploadLeases(IServiceScopeFactory scopeFactory, IOptions<UploadOptions> options, TimeProvider timeProvider, ILogger<UploadLeases> logger)
    : IUploadLeases
{
    public IUploadLease Hold(Guid versionId) => new UploadLease(versionId, scopeFactory, options.Value.RenewInterval, timeProvider, logger);
}
