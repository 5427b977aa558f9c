using Microsoft.AspNetCore.Http;

namespace Experimentation.Gateway.Problems;

/// <summary>503 ProblemDetails with Retry-After: a dependency (PostgreSQL, a silo) is down, and the request may be retried.</summary>
public static class Unavailable
{
    /// <summary>Seconds a client should wait before retrying.</summary>
    public const int RetryAfterSeconds = 5;

    public static IResult Problem(string title, string detail) => new RetryLater(
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: title));

    private sealed class RetryLater(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(context);
        }
    }
}
