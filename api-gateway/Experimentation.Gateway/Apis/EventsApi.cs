using Experimentation.Gateway.Contracts;
using Experimentation.GrainInterfaces.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Experimentation.Gateway.Apis;

/// <summary>
/// Exposure and metric ingestion. The answer is 202 only after every event of the batch is committed; a batch with
/// any invalid event is refused whole with each bad index and field, and nothing of it is stored.
/// </summary>
public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/events").WithTags("Events");
        api.MapPost("/", Ingest).WithName("IngestEvents")
            .WithSummary($"Ingest a JSON array or NDJSON of up to {EventLimits.MaxBatchEvents} events ({EventLimits.MaxBodyBytes / (1024 * 1024)} MB)")
            .Accepts<IngestEvent[]>("application/json", "application/x-ndjson")
            .Produces<IngestResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<IResult> Ingest(HttpContext http, IGrainFactory grains, ILoggerFactory loggers)
    {
        // Batches are larger than the gateway's general 1 MB body limit; this endpoint has its own.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = EventLimits.MaxBodyBytes;
        if (http.Request.ContentLength > EventLimits.MaxBodyBytes)
            return TypedResults.Problem($"body: a batch may be at most {EventLimits.MaxBodyBytes} bytes",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");

        using var buffer = new MemoryStream((int)Math.Min(http.Request.ContentLength ?? 64 * 1024, EventLimits.MaxBodyBytes));
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var mediaType = http.Request.ContentType ?? "";
        var ndjson = mediaType.Contains("ndjson", StringComparison.OrdinalIgnoreCase) || mediaType.Contains("jsonl", StringComparison.OrdinalIgnoreCase);
        var parsed = EventBatchParser.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ndjson);
        if (parsed.Errors.Count > 0) return Refused(parsed.Errors, parsed.Events);

        IngestResult result;
        try
        {
            result = await grains.GetGrain<IEventIngestionGrain>(0).Ingest(parsed.Events.ToArray());
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            // Some shards may have committed; the same batch retried is counted exactly once.
            loggers.CreateLogger(typeof(EventsApi)).LogWarning(ex, "Ingesting a batch of {Count} events failed", parsed.Events.Count);
            return Problems.Unavailable.Problem("Ingestion unavailable",
                "The batch may be partly stored. Retry the same batch: events already stored count as duplicates.");
        }
        return result.IsRefused
            ? Refused(result.Errors.ToList(), null)
            : TypedResults.Accepted((string?)null, new IngestResponse(result.Accepted, result.Duplicates));
    }

    private static IResult Refused(List<EventError> errors, List<IngestEvent>? parsed)
    {
        if (parsed is not null)
        {
            // Shape errors first; then the content rules for the fields the parser could read, one error per field. The
            // retention's earliest day is the silo's setting, checked there once the shape is right.
            var malformed = errors.Where(e => e.Field == "body").Select(e => e.Index).ToHashSet();
            var seen = errors.Select(e => e.Path).ToHashSet();
            var rules = EventValidator.Validate(parsed, DateTimeOffset.MinValue, DateTimeOffset.UtcNow + EventLimits.MaxFutureSkew)
                .Where(e => !malformed.Contains(e.Index) && seen.Add(e.Path));
            errors = errors.Concat(rules).OrderBy(e => e.Index).ToList();
        }
        var byField = errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray());
        var indexes = errors.Select(e => e.Index).Distinct().Count();
        Observability.GatewayMeters.EventsRejected.Add(indexes);
        return TypedResults.ValidationProblem(byField,
            detail: $"{indexes} event(s) are invalid, so nothing of the batch was stored. First: {errors[0].Path}: {errors[0].Reason}",
            title: "The batch is invalid");
    }
}
