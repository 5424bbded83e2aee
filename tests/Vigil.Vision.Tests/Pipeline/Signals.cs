using System.Runtime.InteropServices;

namespace Vigil.Vision.Tests.Pipeline;

/// <summary>Sends a process the signal a service manager stops services with (.NET's <c>Process.Kill</c> only sends SIGKILL).</summary>
internal static class Signals
{
    private const int SigTerm = 15;

    public static void Terminate(int processId) =>
        Assert.True(Kill(processId, SigTerm) == 0, $"kill({processId}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");

    // Plain DllImport: two ints need no marshalling, and LibraryImport would need the project to allow unsafe code.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
