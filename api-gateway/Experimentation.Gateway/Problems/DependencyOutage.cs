using System.Net.Sockets;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Experimentation.Gateway.Problems;

/// <summary>
/// Recognises, in an exception that reached the gateway from a grain call, a dependency that is down rather than a
/// bug: PostgreSQL refusing or dropping connections, or the silo itself out of reach.
/// </summary>
/// <remarks>
/// The silo lets PostgreSQL's exceptions cross to the gateway with their type, message and inner exceptions
/// (SiloBuilderExtensions), but the gateway references no database driver: it knows them by type name, and the
/// silo's own copy of a type may be missing here (Orleans then hands over an
/// <see cref="UnavailableExceptionFallbackException"/> that keeps the name). Only the base properties cross, so a
/// server error's SQLSTATE is read from its message, which Npgsql starts with the code ("57P01: terminating …").
/// </remarks>
public static class DependencyOutage
{
    // SQLSTATE classes and codes that mean "the server is not serving this connection", not "this statement is wrong":
    // 08 connection exception, 53 insufficient resources (too many connections), 57 operator intervention (shutdown,
    // "the database system is starting up"), 58 system error; 55000 at connect time is a database that does not accept
    // connections (ALTER DATABASE … ALLOW_CONNECTIONS false, during maintenance).
    private static readonly string[] OutageStates = ["08", "53", "57", "58", "55000"];

    public static bool IsOutage(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is AggregateException aggregate) return aggregate.InnerExceptions.Any(IsOutage);
            if (IsOutageItself(e)) return true;
        }
        return false;
    }

    private static bool IsOutageItself(Exception e)
    {
        if (e is SocketException or TimeoutException or SiloUnavailableException or OrleansMessageRejectionException
            or GatewayTooBusyException)
            return true;
        var type = e is UnavailableExceptionFallbackException fallback ? fallback.ExceptionType : e.GetType().FullName;
        if (type is null || !type.StartsWith("Npgsql.", StringComparison.Ordinal)) return false;
        // Any other Npgsql exception is the driver's own: I/O on a dropped connection, a timeout, an exhausted pool.
        if (type != "Npgsql.PostgresException") return true;
        var state = e.Message.Length > 5 && e.Message[5] == ':' ? e.Message[..5] : "";
        return OutageStates.Any(s => state.StartsWith(s, StringComparison.Ordinal));
    }
}
