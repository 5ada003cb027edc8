using Mlops.Blobs.Tests.Infrastructure;

namespace Mlops.Blobs.Tests;

/// <summary>Tests that run alone, after the parallel ones, so that what they measure is their own memory.</summary>
[CollectionDefinition(nameof(LargeTransfers), DisableParallelization = true)]
public sealed class LargeTransfers : ICollectionFixture<AzuriteFixture>;
