namespace Mlops.Registry.Infrastructure.Uploads;

/// <summary>A pending upload whose lease ran out, as the sweeper reads it.</summary>
internal sealed record ExpiredUpload(Guid Id, Guid ModelId, int Version, string Workspace, string ModelName, string CreatedBy);
