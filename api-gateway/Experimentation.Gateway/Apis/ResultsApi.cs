using Experimentation.Gateway.Results;
using Experimentation.GrainInterfaces;
using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Experimentation.Gateway.Apis;

/// <summary>
/// Live results: read the variant aggregators' sums (no raw events are scanned) and analyse them with the
/// statistics engine.
/// </summary>
public static class ResultsApi
{
    public static RouteGroupBuilder MapResultsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/experiments").WithTags("Results");
        api.MapGet("/{key}/results", Results).WithName("ExperimentResults")
            .WithSummary("Per metric and treatment: lifts with CIs, p-values (fixed and always-valid), badge, SRM, power, novelty, guardrails")
            .Produces<ResultsResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{key}/results/sequential", Sequential).WithName("ExperimentSequentialResults")
            .WithSummary("The mSPRT boundary chart over cumulative days of exposure")
            .Produces<SequentialResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> Results(string key, IGrainFactory grains)
    {
        try
        {
            if (await LoadAsync(key, grains) is not { } data) return NotFound(key);
            var mismatches = await grains.GetGrain<IExposureMismatchGrain>(key).Get();
            return TypedResults.Ok(ResultsCalculator.Calculate(data.View, data.Metrics, data.Stats, mismatches));
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            return Unavailable();
        }
    }

    private static async Task<IResult> Sequential(string key, IGrainFactory grains)
    {
        try
        {
            return await LoadAsync(key, grains) is { } data
                ? TypedResults.Ok(ResultsCalculator.Sequential(data.View, data.Metrics, data.Stats))
                : NotFound(key);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            return Unavailable();
        }
    }

    // An aggregator that cannot activate (its shards cannot read PostgreSQL) is a transient outage, not a bad request.
    private static IResult Unavailable() => TypedResults.Problem("The live statistics cannot be read right now; retry shortly.",
        statusCode: StatusCodes.Status503ServiceUnavailable, title: "Results unavailable");

    private static async Task<(ExperimentView View, Dictionary<string, MetricDefinition> Metrics, Dictionary<string, VariantStatistics> Stats)?> LoadAsync(
        string key, IGrainFactory grains)
    {
        if (!Keys.IsValid(key) || await grains.GetGrain<IExperimentGrain>(key).Get() is not { } view) return null;
        var registry = grains.GetGrain<IMetricRegistryGrain>(0);
        var metrics = await Task.WhenAll(view.Definition.Metrics.Select(b => registry.Get(b.MetricKey)));
        var stats = await Task.WhenAll(view.Definition.Variants.Select(v =>
            grains.GetGrain<IVariantAggregatorGrain>(IVariantAggregatorGrain.KeyOf(key, v.Key)).Get()));
        return (view, metrics.OfType<MetricDefinition>().ToDictionary(m => m.Key), stats.ToDictionary(s => s.Variant));
    }

    private static IResult NotFound(string key) => Problems.Problems.UnknownKey("experiment", key);
}
