using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Experimentation.Tests.Infrastructure;

/// <summary>POSIX signals to a child process; .NET's Process has only Kill (SIGKILL).</summary>
internal static class Signals
{
    // Linux numbers (x86-64 and arm64).
    public const int Terminate = 15;
    public const int Continue = 18;
    public const int Stop = 19;

    public static void Send(Process process, int signal)
    {
        if (kill(process.Id, signal) != 0)
            throw new InvalidOperationException($"kill({process.Id}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
