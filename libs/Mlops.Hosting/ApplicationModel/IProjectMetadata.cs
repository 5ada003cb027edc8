namespace Mlops.Hosting.ApplicationModel;

/// <summary>
/// Where a .NET project and its build output are. The AppHost's build generates one class per service project it
/// references, in the namespace <c>Projects</c> (as Aspire does), so <c>AddProject&lt;Projects.Mlops_Registry&gt;</c>
/// needs no path typed by hand.
/// </summary>
public interface IProjectMetadata
{
    string ProjectPath { get; }

    /// <summary>The built assembly (…/bin/Release/net10.0/Mlops.Registry.dll).</summary>
    string TargetPath { get; }
}
