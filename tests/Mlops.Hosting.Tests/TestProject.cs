using Mlops.Hosting.ApplicationModel;

namespace Mlops.Hosting.Tests;

/// <summary>Project metadata for a model that is only built, never started.</summary>
public sealed class TestProject : IProjectMetadata
{
    public string ProjectPath => "/nowhere/Test.csproj";

    public string TargetPath => "/nowhere/bin/Test.dll";
}
