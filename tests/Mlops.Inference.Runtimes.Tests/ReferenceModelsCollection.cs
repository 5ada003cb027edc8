namespace Mlops.Inference.Runtimes.Tests;

/// <summary>The test classes that compare against models trained by Python share one training per run.</summary>
[CollectionDefinition(Name)]
public sealed class ReferenceModelsCollection : ICollectionFixture<ReferenceModels>
{
    public const string Name = "reference models";
}
