using System.Runtime.InteropServices;

namespace Mlops.LocalInfrastructure.Processes;

internal static partial class NativeMethods
{
    internal const int SigKill = 9;
    internal const int SigTerm = 15;
    internal const int SigQuit = 3;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);
}
