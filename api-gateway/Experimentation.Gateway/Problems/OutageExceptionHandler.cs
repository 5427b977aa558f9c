using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Experimentation.Gateway.Problems;

/// <summary>
/// The one place a dependency outage becomes an answer: any endpoint whose grain call failed because PostgreSQL (or
/// the silo) is down answers 503 ProblemDetails with Retry-After, instead of a 500 that tells the client nothing.
/// </summary>
/// <remarks>
/// A grain that fails on the database has not committed, so the command changed nothing and the same request can be
/// retried as is. Endpoints whose answer needs more nuance (a batch that may be partly stored) catch before this.
/// </remarks>
public sealed class OutageExceptionHandler(IProblemDetailsService problems, ILogger<OutageExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!DependencyOutage.IsOutage(exception)) return false;
        logger.LogWarning(exception, "{Method} {Path} answered 503: a dependency is unavailable", context.Request.Method, context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = Unavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = "A dependency (PostgreSQL or the silo) cannot be reached right now, so nothing was changed. Retry the same request shortly.",
            },
        });
    }
}
