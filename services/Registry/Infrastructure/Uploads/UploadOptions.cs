namespace Mlops.Registry.Infrastructure.Uploads;

/// <summary>The configuration section <c>Uploads</c>: how long an upload may go without a sign of life, and how often the sweeper looks.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>
    /// A pending upload whose lease was not renewed for this long is given up: its blobs are deleted and its version
    /// marked FAILED. The instance receiving an upload renews its lease every third of this.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the sweeper looks for expired uploads (also once at start).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan RenewInterval => Lease / 3;
}
