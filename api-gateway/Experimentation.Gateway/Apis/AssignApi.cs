using System.Text;
using System.Text.Json;
using Experimentation.Assignment;
using Experimentation.Client.Config;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Experimentation.Gateway.Apis;

/// <summary>Assignment for thin HTTP clients, from the same snapshot and function the C# client runs in-process.</summary>
public static class AssignApi
{
    public static RouteHandlerBuilder MapAssignApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/assign", Assign).WithTags("Assignment").WithName("Assign")
            .WithSummary("The variant of a user in an experiment (?experiment=) or in a namespace (?namespace=)")
            .Produces<AssignmentResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    private static IResult Assign(string? experiment, string? @namespace, string? user, ConfigSnapshotCache config)
    {
        if (experiment is null == @namespace is null)
            return Problems.Problems.Invalid(experiment is null ? "experiment" : "namespace", "give exactly one of experiment and namespace");
        if (string.IsNullOrEmpty(user)) return Problems.Problems.Invalid("user", "is required and may not be empty");
        if (Encoding.UTF8.GetByteCount(user) > AssignmentLimits.MaxUserIdUtf8Bytes)
            return Problems.Problems.Invalid("user", $"may have at most {AssignmentLimits.MaxUserIdUtf8Bytes} UTF-8 bytes");

        var current = config.Current;
        var result = experiment is not null
            ? current.Assign(experiment, user)
            : current.AssignInLayer(@namespace!, user);
        return result.Reason switch
        {
            AssignmentReason.UnknownExperiment => Problems.Problems.UnknownKey("running or paused experiment", experiment!),
            AssignmentReason.UnknownNamespace => Problems.Problems.UnknownKey("namespace", @namespace!),
            _ => TypedResults.Ok(AssignmentResponse.From(result, @namespace, current.Version)),
        };
    }
}

/// <summary>A user's assignment: the variant and its config, or null with the reason the user got the default.</summary>
public sealed record AssignmentResponse(
    string? Experiment, string? Namespace, string? Variant, JsonElement? Config, string Reason, int? Slot, long ConfigVersion)
{
    public static AssignmentResponse From(AssignmentResult r, string? ns, long version) => new(
        r.ExperimentKey,
        ns,
        r.VariantKey,
        r.VariantConfigJson is null ? null : JsonDocument.Parse(r.VariantConfigJson).RootElement.Clone(),
        JsonNamingPolicy.SnakeCaseLower.ConvertName(r.Reason.ToString()),
        r.Slot < 0 ? null : r.Slot,
        version);
}
