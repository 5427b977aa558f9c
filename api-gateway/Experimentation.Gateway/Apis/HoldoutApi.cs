using Experimentation.Assignment;
using Experimentation.Statistics.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Experimentation.Gateway.Apis;

/// <summary>
/// The global holdout's cumulative impact: the live report of the reserved holdout analysis (experiment
/// <see cref="GlobalHoldout.ExperimentKey"/>), every bound metric compared between users exposed to any experiment and
/// the held-out users. The same report, looks and replay as any experiment's results (docs/holdout.md).
/// </summary>
public static class HoldoutApi
{
    /// <summary>The endpoint's name, by which <see cref="Security.EndpointAccess"/> gives its access level.</summary>
    public const string ResultsEndpoint = "HoldoutResults";

    public static RouteGroupBuilder MapHoldoutApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/holdout").WithTags("Results");
        api.MapGet("/results", Results).WithName(ResultsEndpoint)
            .WithSummary("The global holdout's impact: each bound metric, users exposed to any experiment against the held-out users, with the cumulative lift and its CI")
            .Produces<ExperimentReport>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static Task<IResult> Results(string? asOf, IGrainFactory grains, ILoggerFactory loggers) =>
        ResultsApi.Results(GlobalHoldout.ExperimentKey, asOf, grains, loggers);
}
