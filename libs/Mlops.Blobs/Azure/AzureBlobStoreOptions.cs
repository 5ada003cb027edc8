using Azure.Core;

namespace Mlops.Blobs.Azure;

/// <summary>
/// How <see cref="AzureBlobStore"/> talks to the service. <see cref="ClientOptions.Retry"/>,
/// <see cref="ClientOptions.Transport"/> and <see cref="ClientOptions.Diagnostics"/> are Azure.Core's.
/// </summary>
public sealed class AzureBlobStoreOptions : ClientOptions
{
    public const string DefaultApiVersion = "2021-12-02";

    public const int DefaultBlockSize = 8 * 1024 * 1024;

    public const int DefaultMaxParallelBlocks = 4;

    /// <summary>The largest block this client will buffer; the service allows more, but memory is N × block.</summary>
    public const int MaxBlockSize = 256 * 1024 * 1024;

    /// <summary>The service's limit on blocks in one blob.</summary>
    public const int MaxBlockCount = 50_000;

    public AzureBlobStoreOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 5;
        Retry.Delay = TimeSpan.FromMilliseconds(200);
        Retry.MaxDelay = TimeSpan.FromSeconds(10);
    }

    /// <summary>The <c>x-ms-version</c> sent with every request.</summary>
    public string ApiVersion { get; set; } = DefaultApiVersion;

    /// <summary>
    /// Uploads of at most this many bytes are one Put Blob; larger ones are Put Block of this
    /// size each, then Put Block List.
    /// </summary>
    public int BlockSize { get; set; } = DefaultBlockSize;

    /// <summary>Blocks in flight at once per upload; memory per upload is at most this × <see cref="BlockSize"/>.</summary>
    public int MaxParallelBlocks { get; set; } = DefaultMaxParallelBlocks;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ApiVersion);
        ArgumentOutOfRangeException.ThrowIfLessThan(BlockSize, 1, nameof(BlockSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BlockSize, MaxBlockSize, nameof(BlockSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxParallelBlocks, 1, nameof(MaxParallelBlocks));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxParallelBlocks, 64, nameof(MaxParallelBlocks));
    }
}
