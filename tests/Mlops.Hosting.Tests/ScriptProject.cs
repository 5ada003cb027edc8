using System.Runtime.Versioning;
using Mlops.Hosting.ApplicationModel;

namespace Mlops.Hosting.Tests;

/// <summary>
/// A "service" that is a shell script standing where a build's native apphost would be: it records its environment,
/// optionally ignores SIGTERM, and never answers a health probe, so it stays Running and never Healthy.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ScriptProject : IProjectMetadata, IDisposable
{
    private const string Script = """
        #!/bin/sh
        env > "$(dirname "$0")/environment.txt"
        if [ "$IGNORE_SIGTERM" = "1" ]; then trap '' TERM; fi
        while true; do sleep 0.2; done
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("mlops-script-project-").FullName;

    public ScriptProject()
    {
        var native = Path.Combine(_directory, "Script");
        File.WriteAllText(native, Script.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(native, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(TargetPath, "");
    }

    public string ProjectPath => Path.Combine(_directory, "Script.csproj");

    public string TargetPath => Path.Combine(_directory, "Script.dll");

    public string EnvironmentFile => Path.Combine(_directory, "environment.txt");

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
