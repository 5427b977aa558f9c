using Experimentation.Gateway.Analysis;
using Experimentation.Gateway.Contracts.Analysis;
using Experimentation.Statistics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Experimentation.Gateway.Apis;

/// <summary>
/// Warehouse mode: results from sufficient statistics the caller already holds, with no events sent. Stateless: each
/// handler validates and calls the one analysis entry point live looks call, and returns its report model.
/// </summary>
public static class AnalysisApi
{
    public static RouteGroupBuilder MapAnalysisApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/analysis").WithTags("Analysis");
        api.MapPost("/", Analyze).WithName("AnalyzeSufficientStatistics")
            .WithSummary("Analyse one metric from per-arm sufficient statistics: each treatment against the control, and SRM")
            .Produces<AnalysisResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapPost("/sequence", Sequence).WithName("AnalyzeSequence")
            .WithSummary("The always-valid p-value and CI after each of a series of looks, in time order")
            .Produces<SequenceResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return api;
    }

    private static IResult Analyze(AnalysisRequest request)
    {
        if (SettingsReader.Read(request.MetricType, request.Alpha, request.Options, out var settings, request.Engine) is { } badSettings)
            return badSettings.ToProblem();
        if (ArmReader.Read(settings.MetricType, request.Arms, "arms", out var arms) is { } badArms) return badArms.ToProblem();
        return TypedResults.Ok(AnalysisResponse.From(ExperimentAnalyzer.Analyze(arms.Input(settings)).Report));
    }

    private static IResult Sequence(SequenceRequest request)
    {
        if (SettingsReader.Read(request.MetricType, request.Alpha, request.Options, out var settings) is { } badSettings)
            return badSettings.ToProblem();
        if (request.Looks is not { Length: > 0 } looks) return new InputError("looks", "needs at least one look").ToProblem();

        var sets = new ArmSet[looks.Length];
        for (int i = 0; i < looks.Length; i++)
        {
            var field = $"looks[{i}].arms";
            if (looks[i] is null) return new InputError($"looks[{i}]", "may not be null").ToProblem();
            if (ArmReader.Read(settings.MetricType, looks[i].Arms, field, out sets[i]) is { } badArms) return badArms.ToProblem();
            if (i > 0 && !sets[i].Keys.SequenceEqual(sets[0].Keys))
                return new InputError(field, $"must list the same arms as looks[0], with the same control ({string.Join(", ", sets[0].Keys)})").ToProblem();
        }

        // The running minimum and intersection live in each treatment's state, carried from look to look.
        IReadOnlyDictionary<string, SequentialState>? states = null;
        var responses = new SequenceLookResponse[looks.Length];
        for (int i = 0; i < sets.Length; i++)
        {
            var input = sets[i].Input(settings);
            var outcome = ExperimentAnalyzer.Analyze(input, states);
            states = outcome.States;
            var metric = outcome.Report.Metrics.Single();
            var comparisons = metric.Comparisons
                .Select((c, t) => SequenceComparisonResponse.From(c, metric.Arms[0].N + metric.Arms[t + 1].N)).ToArray();
            responses[i] = new SequenceLookResponse(i + 1, comparisons);
        }
        return TypedResults.Ok(new SequenceResponse(settings.MetricType, settings.Experiment.Options.Alpha, responses));
    }
}
