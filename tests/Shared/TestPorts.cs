using System.Net;
using System.Net.Sockets;

namespace Experimentation.Tests.Shared;

/// <summary>
/// Loopback ports for the processes and servers tests start, chosen outside the kernel's ephemeral range.
/// </summary>
/// <remarks>
/// A port the kernel hands out for port 0 comes from the ephemeral range (32768–60999 on Linux), the same range every
/// outgoing connection takes its local port from. Between a test releasing such a port and a child process binding
/// it, a PostgreSQL or silo-to-silo connection can take it, and a silo restarted on its old ports (the node-loss test)
/// finds them taken. Ports below the range are never used that way. 20000–29899 also stays clear of
/// scripts/cluster.sh's defaults (11110+, 29999+, 8080+) and the PostgreSQL clusters (54330+). Each port is handed out
/// once per test process, and only after a bind shows it free.
/// </remarks>
internal static class TestPorts
{
    private const int First = 20000, Last = 29899;
    private static readonly HashSet<int> HandedOut = [];
    private static int _next = First + Random.Shared.Next(Last - First);

    /// <summary>A loopback port nothing listens on now, not handed out before in this process.</summary>
    /// <exception cref="InvalidOperationException">Every port of the range is taken.</exception>
    public static int Free()
    {
        lock (HandedOut)
        {
            for (int tried = 0; tried <= Last - First; tried++)
            {
                int port = _next;
                _next = _next == Last ? First : _next + 1;
                if (HandedOut.Contains(port) || !IsFree(port)) continue;
                HandedOut.Add(port);
                return port;
            }
        }
        throw new InvalidOperationException($"No free loopback port in {First}–{Last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
