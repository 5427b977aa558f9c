using Experimentation.Gateway.Contracts;
using Experimentation.GrainInterfaces;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Experimentation.Gateway.Apis;

/// <summary>
/// The review workflow and the pre-launch checks (docs/experiments.md, "Review"): submit, approve, request changes,
/// the checks, and the installation's review setting. The caller rules live in the grains.
/// </summary>
public static class ReviewApi
{
    public static IEndpointRouteBuilder MapReviewApi(this IEndpointRouteBuilder app)
    {
        var experiments = app.MapGroup("/api/experiments").WithTags("Experiments");
        experiments.MapPost("/{key}/submit", Submit).WithName("SubmitExperiment")
            .WithSummary("Submit a draft for review; refused (409) while a pre-launch check fails").ProducesReview();
        experiments.MapPost("/{key}/approve", Approve).WithName("ApproveExperiment")
            .WithSummary("Approve an experiment in review: a reviewer or admin who did not submit it").ProducesReview();
        experiments.MapPost("/{key}/request-changes", RequestChanges).WithName("RequestChanges")
            .WithSummary("Return an experiment in review to draft with {\"comment\"}: a reviewer or admin who did not submit it")
            .ProducesReview().ProducesValidationProblem();
        experiments.MapGet("/{key}/checks", Checks).WithName("PreLaunchChecks")
            .WithSummary("The pre-launch checks of the current definition, each pass, warn or fail with its reason")
            .Produces<ChecksResponse>().ProducesProblem(StatusCodes.Status404NotFound);

        var settings = app.MapGroup("/api/settings").WithTags("Settings");
        settings.MapGet("/review", GetSetting).WithName("GetReviewSetting")
            .WithSummary("Who must have experiments approved before they start").Produces<ReviewSettingsResponse>();
        settings.MapPut("/review", PutSetting).WithName("SetReviewSetting")
            .WithSummary("Turn review on or off for a team, or for everyone without a team (the installation's admin)")
            .Produces<ReviewSettingsResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static RouteHandlerBuilder ProducesReview(this RouteHandlerBuilder b) =>
        b.Produces<ExperimentResponse>().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static Task<IResult> Submit(string key, IGrainFactory grains) => ExperimentsApi.Command(key, grains, g => g.Submit());

    private static Task<IResult> Approve(string key, IGrainFactory grains) => ExperimentsApi.Command(key, grains, g => g.Approve());

    private static Task<IResult> RequestChanges(string key, RequestChangesRequest request, IGrainFactory grains) =>
        request.Comment is null
            ? Task.FromResult(Problems.Problems.Invalid("comment", "is required: say what to change"))
            : ExperimentsApi.Command(key, grains, g => g.RequestChanges(request.Comment));

    private static async Task<IResult> Checks(string key, IGrainFactory grains)
    {
        if (!Keys.IsValid(key)) return Problems.Problems.UnknownKey("experiment", key);
        var checks = await grains.GetGrain<IExperimentGrain>(key).GetChecks();
        return checks is null ? Problems.Problems.UnknownKey("experiment", key) : TypedResults.Ok(ChecksResponse.From(key, checks));
    }

    private static async Task<IResult> GetSetting(IGrainFactory grains) =>
        TypedResults.Ok(ReviewSettingsResponse.From(await grains.GetGrain<IReviewSettingsGrain>(0).Get()));

    private static async Task<IResult> PutSetting(ReviewSettingRequest request, IGrainFactory grains)
    {
        if (request.Required is not { } required) return Problems.Problems.Invalid("required", "is required: true or false");
        var result = await grains.GetGrain<IReviewSettingsGrain>(0).Set(required, request.Team);
        return result.Error is { } refused ? Problems.Problems.From(refused) : TypedResults.Ok(ReviewSettingsResponse.From(result.Value!));
    }
}
