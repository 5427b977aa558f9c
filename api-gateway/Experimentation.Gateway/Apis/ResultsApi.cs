using System.Globalization;
using Experimentation.GrainInterfaces;
using Experimentation.GrainInterfaces.Analysis;
using Experimentation.Statistics.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Experimentation.Gateway.Apis;

/// <summary>
/// Live results: the experiment's analysis grain owns the report and the persisted looks; these endpoints pass its
/// JSON through and compute nothing.
/// </summary>
public static class ResultsApi
{
    /// <summary>The most looks one listing returns.</summary>
    public const int MaxPoints = 10_000;

    public static RouteGroupBuilder MapResultsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/experiments").WithTags("Results");
        api.MapGet("/{key}/results", Results).WithName("ExperimentResults")
            .WithSummary("Takes a look now and returns its report (or, with asOf, the report of the latest look at or before that time)")
            .Produces<ExperimentReport>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/{key}/results/looks", Looks).WithName("ExperimentLooks")
            .WithSummary("The persisted looks in time order: units per arm, and per metric and treatment the effect, Λ, the always-valid p and CI, and the badge")
            .Produces<LookPoint[]>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/{key}/results/sequential", Sequential).WithName("ExperimentSequentialResults")
            .WithSummary("The boundary chart from the persisted looks: one series per metric and treatment")
            .Produces<SequentialSeries[]>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    internal static Task<IResult> Results(string key, string? asOf, IGrainFactory grains, ILoggerFactory loggers) =>
        Guarded(key, loggers, async () =>
        {
            var analysis = grains.GetGrain<IExperimentAnalysisGrain>(key);
            if (asOf is null) return await analysis.Look() is { } now ? Json(now.Json) : NotFound(key);
            if (!DateTimeOffset.TryParse(asOf, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
                return Problems.Problems.Invalid("asOf", "must be an ISO 8601 time, for example 2026-12-01T09:30:00Z");
            if (await analysis.ReportAsOf(at) is { } then) return Json(then.Json);
            // No look by then: say whether the experiment is unknown or simply younger than asOf.
            return await analysis.Look() is null
                ? NotFound(key)
                : TypedResults.Problem($"Experiment '{Keys.Clip(key)}' has no look at or before {at:O}.",
                    statusCode: StatusCodes.Status404NotFound, title: "No look by then");
        });

    private static Task<IResult> Looks(string key, int? maxPoints, IGrainFactory grains, ILoggerFactory loggers) =>
        Listing(key, maxPoints, grains, loggers, (analysis, points) => analysis.Looks(points));

    private static Task<IResult> Sequential(string key, int? maxPoints, IGrainFactory grains, ILoggerFactory loggers) =>
        Listing(key, maxPoints, grains, loggers, (analysis, points) => analysis.Sequential(points));

    private static Task<IResult> Listing(string key, int? maxPoints, IGrainFactory grains, ILoggerFactory loggers,
        Func<IExperimentAnalysisGrain, int, Task<string>> read) =>
        Guarded(key, loggers, async () =>
        {
            var points = maxPoints ?? LookThinning.DefaultMaxPoints;
            if (points < 2 || points > MaxPoints) return Problems.Problems.Invalid("maxPoints", $"must be between 2 and {MaxPoints}");
            var analysis = grains.GetGrain<IExperimentAnalysisGrain>(key);
            // A listing includes a look at the data as it stands now, like the results page.
            if (await analysis.Look() is null) return NotFound(key);
            return Json(await read(analysis, points));
        });

    private static async Task<IResult> Guarded(string key, ILoggerFactory loggers, Func<Task<IResult>> handle)
    {
        if (!Keys.IsValid(key)) return NotFound(key);
        try
        {
            return await handle();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The look reads aggregators (which may be recovering from PostgreSQL) and writes the look to PostgreSQL: an
            // outage of either is transient, and nothing was shown, so the client retries.
            loggers.CreateLogger(typeof(ResultsApi)).LogWarning(ex, "Results of {Experiment} are unavailable", key);
            return Problems.Unavailable.Problem("Results unavailable", "The live results cannot be read right now; retry shortly.");
        }
    }

    private static IResult Json(string json) => TypedResults.Text(json, "application/json", System.Text.Encoding.UTF8);

    private static IResult NotFound(string key) => Problems.Problems.UnknownKey("experiment", key);
}
