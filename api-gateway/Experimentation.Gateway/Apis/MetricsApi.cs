using Experimentation.Gateway.Contracts;
using Experimentation.GrainInterfaces;
using Experimentation.GrainInterfaces.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Experimentation.Gateway.Contracts.ExperimentRequestMapper;

namespace Experimentation.Gateway.Apis;

/// <summary>The metric registry: create, read and list.</summary>
public static class MetricsApi
{
    public static RouteGroupBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/metrics").WithTags("Metrics");
        api.MapPost("/", Create).WithName("CreateMetric").WithSummary("Register a metric")
            .Produces<MetricDefinition>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/", List).WithName("ListMetrics").WithSummary("List the registry").Produces<MetricDefinition[]>();
        api.MapGet("/{key}", Get).WithName("GetMetric").WithSummary("Get a metric")
            .Produces<MetricDefinition>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> Create(CreateMetricRequest r, IGrainFactory grains)
    {
        if ((Missing(r.Key, "key") ?? Missing(r.Name, "name") ?? Missing(r.Type, "type") ?? Missing(r.EventType, "eventType")
            ?? Missing(r.Aggregation, "aggregation")) is { } missing)
            return Problems.Problems.From(missing);
        var metric = new MetricDefinition(r.Key!, r.Name!, r.Type!.Value, r.EventType!, r.Aggregation!.Value,
            r.NumeratorEventType, r.DenominatorEventType, default, r.OwnerTeam, r.Quantile, r.Level);
        var result = await grains.GetGrain<IMetricRegistryGrain>(0).Create(metric);
        return result.Error is { } refused
            ? Problems.Problems.From(refused)
            : TypedResults.Created($"/api/metrics/{metric.Key}", result.Value);
    }

    private static async Task<IResult> List(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IMetricRegistryGrain>(0).List());

    private static async Task<IResult> Get(string key, IGrainFactory grains)
    {
        var metric = Keys.IsValid(key) ? await grains.GetGrain<IMetricRegistryGrain>(0).Get(key) : null;
        return metric is null ? Problems.Problems.UnknownKey("metric", key) : TypedResults.Ok(metric);
    }
}
