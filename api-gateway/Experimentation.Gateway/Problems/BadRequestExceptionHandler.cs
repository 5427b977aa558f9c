using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Experimentation.Gateway.Problems;

/// <summary>
/// Turns request-reading failures (malformed JSON, wrong types, unknown enum values, empty or oversized bodies)
/// into ProblemDetails that name the field, instead of the framework's empty 400 or a 500.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;

        var json = FindJsonException(bad);
        var field = json is null ? "body" : FieldFromPath(json.Path);
        var reason = bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => "the request body is larger than the limit",
            _ when json is not null => JsonReasons.Explain(json),
            _ => FirstSentence(bad.Message),
        };

        context.Response.StatusCode = bad.StatusCode;
        var details = new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [reason] })
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Payload too large" : "The request is invalid",
            Detail = $"{field}: {reason}",
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    private static JsonException? FindJsonException(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is JsonException j) return j;
        return null;
    }

    // System.Text.Json reports "$.variants[0].weight"; the API names fields without the root marker.
    private static string FieldFromPath(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    internal static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message.TrimEnd('.') : message[..cut];
    }
}
