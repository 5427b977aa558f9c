using System.Text.Json;
using Experimentation.Gateway.Contracts;
using Experimentation.Gateway.Problems;
using Experimentation.GrainInterfaces;
using Experimentation.GrainInterfaces.Experiments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Experimentation.Gateway.Apis;

/// <summary>Experiment commands and queries: each handler is a thin call to the experiment's grain.</summary>
public static class ExperimentsApi
{
    public static RouteGroupBuilder MapExperimentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/experiments").WithTags("Experiments");

        api.MapPost("/", Create).WithName("CreateExperiment").WithSummary("Create a draft experiment")
            .Produces<ExperimentResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapGet("/", List).WithName("ListExperiments").WithSummary("List experiments, optionally by status")
            .Produces<ExperimentResponse[]>().ProducesValidationProblem();
        api.MapGet("/{key}", Get).WithName("GetExperiment").WithSummary("Get an experiment's state and version")
            .Produces<ExperimentResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{key}", UpdateDraft).WithName("UpdateDraft").WithSummary("Replace the definition of an experiment not yet started; one in review or approved returns to draft")
            .ProducesCommand();
        api.MapPost("/{key}/start", Start).WithName("StartExperiment")
            .WithSummary("Start a draft, or an approved experiment; a draft of a team that requires review is refused (409)").ProducesCommand();
        api.MapPost("/{key}/pause", Pause).WithName("PauseExperiment").WithSummary("Pause a running experiment, with a reason")
            .ProducesCommand();
        api.MapPost("/{key}/resume", Resume).WithName("ResumeExperiment").WithSummary("Resume a paused experiment; overriding a guardrail pause needs {\"reason\"}")
            .ProducesCommand();
        api.MapPost("/{key}/conclude", Conclude).WithName("ConcludeExperiment")
            .WithSummary("Conclude a running or paused experiment with a decision").ProducesCommand();
        api.MapPost("/{key}/archive", Archive).WithName("ArchiveExperiment").WithSummary("Archive a concluded experiment or a draft")
            .ProducesCommand();
        api.MapPost("/{key}/traffic", ChangeTraffic).WithName("ChangeTraffic")
            .WithSummary("Ramp a running or paused experiment's traffic; assigned users keep their variant").ProducesCommand();
        api.MapGet("/{key}/history", History).WithName("ExperimentHistory")
            .WithSummary("Every lifecycle event with its type, version, timestamp and data, in order")
            .Produces<HistoryResponse[]>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static RouteHandlerBuilder ProducesCommand(this RouteHandlerBuilder b) =>
        b.Produces<ExperimentResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> Create(CreateExperimentRequest request, IGrainFactory grains)
    {
        if (request.Key is null) return Problems.Problems.Invalid("key", "is required");
        if (!Keys.IsValid(request.Key)) return Problems.Problems.Invalid("key", $"must match {Keys.Pattern}");
        var (definition, error) = ExperimentRequestMapper.ToDefinition(request);
        if (error is not null) return Problems.Problems.From(error);
        var result = await grains.GetGrain<IExperimentGrain>(request.Key).Create(definition!);
        return result.Error is { } refused
            ? Problems.Problems.From(refused)
            : TypedResults.Created($"/api/experiments/{request.Key}", ExperimentResponse.From(result.Value!));
    }

    private static async Task<IResult> List(string? status, IGrainFactory grains)
    {
        ExperimentStatus? filter = null;
        if (status is not null)
        {
            var names = Enum.GetValues<ExperimentStatus>().ToDictionary(s => JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString()));
            if (!names.TryGetValue(status, out var parsed))
                return Problems.Problems.Invalid("status", $"must be one of {string.Join(", ", names.Keys)}");
            filter = parsed;
        }
        var list = await grains.GetGrain<IExperimentCatalogGrain>(0).List(filter);
        return TypedResults.Ok(list.Select(ExperimentResponse.From).ToArray());
    }

    private static async Task<IResult> Get(string key, IGrainFactory grains)
    {
        if (!Keys.IsValid(key)) return Problems.Problems.UnknownKey("experiment", key);
        var view = await grains.GetGrain<IExperimentGrain>(key).Get();
        return view is null ? Problems.Problems.UnknownKey("experiment", key) : TypedResults.Ok(ExperimentResponse.From(view));
    }

    private static async Task<IResult> UpdateDraft(string key, CreateExperimentRequest request, IGrainFactory grains)
    {
        if (!Keys.IsValid(key)) return Problems.Problems.UnknownKey("experiment", key);
        if (request.Key is not null && request.Key != key) return Problems.Problems.Invalid("key", "must match the key in the path");
        var (definition, error) = ExperimentRequestMapper.ToDefinition(request);
        if (error is not null) return Problems.Problems.From(error);
        return Answer(await grains.GetGrain<IExperimentGrain>(key).UpdateDraft(definition!));
    }

    private static Task<IResult> Start(string key, IGrainFactory grains) => Command(key, grains, g => g.Start());

    private static Task<IResult> Pause(string key, PauseRequest request, IGrainFactory grains) =>
        request.Reason is null
            ? Task.FromResult(Problems.Problems.Invalid("reason", "is required"))
            : Command(key, grains, g => g.Pause(request.Reason));

    // The body is optional: a plain resume sends none, overriding a guardrail pause sends {"reason"}.
    private static Task<IResult> Resume(string key, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ResumeRequest? request,
        IGrainFactory grains) => Command(key, grains, g => g.Resume(request?.Reason));

    private static Task<IResult> Conclude(string key, ConcludeRequest request, IGrainFactory grains) =>
        request.Decision is not { } decision
            ? Task.FromResult(Problems.Problems.Invalid("decision", "is required"))
            : Command(key, grains, g => g.Conclude(decision, request.WinningVariant));

    private static Task<IResult> ChangeTraffic(string key, TrafficRequest request, IGrainFactory grains) =>
        request.Percent is not { } percent
            ? Task.FromResult(Problems.Problems.Invalid("percent", "is required"))
            : Command(key, grains, g => g.ChangeTraffic(percent));

    private static Task<IResult> Archive(string key, IGrainFactory grains) => Command(key, grains, g => g.Archive());

    private static async Task<IResult> History(string key, IGrainFactory grains)
    {
        if (!Keys.IsValid(key)) return Problems.Problems.UnknownKey("experiment", key);
        var entries = await grains.GetGrain<IExperimentGrain>(key).GetHistory();
        if (entries.Length == 0) return Problems.Problems.UnknownKey("experiment", key);
        return TypedResults.Ok(entries.Select(e =>
            new HistoryResponse(e.Version, e.Type, e.Timestamp, JsonDocument.Parse(e.Data).RootElement.Clone(), e.Actor, e.ActorKey, e.ActorTeam)).ToArray());
    }

    /// <summary>Sends a command to the experiment's grain and answers with its new state or the refusal (also for ReviewApi).</summary>
    internal static async Task<IResult> Command(string key, IGrainFactory grains, Func<IExperimentGrain, Task<CommandResult<ExperimentView>>> send)
    {
        if (!Keys.IsValid(key)) return Problems.Problems.UnknownKey("experiment", key);
        return Answer(await send(grains.GetGrain<IExperimentGrain>(key)));
    }

    private static IResult Answer(CommandResult<ExperimentView> result) =>
        result.Error is { } refused ? Problems.Problems.From(refused) : TypedResults.Ok(ExperimentResponse.From(result.Value!));
}

/// <summary>One event of an experiment's stream.</summary>
/// <param name="Actor">Who caused the event: the user of the key, or system:&lt;component&gt; for automation (system:cluster for a
/// trusted in-cluster call without a key); null for events stored before actors were recorded.</param>
/// <param name="ActorKey">The id of the key that made the call (never the key itself).</param>
/// <param name="ActorTeam">The team the key acts for; null for the installation admin and automation.</param>
public sealed record HistoryResponse(long Version, string Type, DateTimeOffset Timestamp, JsonElement Data, string? Actor,
    string? ActorKey = null, string? ActorTeam = null);
