using Experimentation.Gateway.Analysis;
using Experimentation.Gateway.Contracts.Analysis;
using Experimentation.Statistics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Experimentation.Gateway.Apis;

/// <summary>
/// Warehouse mode: results from sufficient statistics the caller already holds, with no events sent. Stateless: each
/// handler validates, calls the statistics engine exactly as live results do, and maps NaN to null with a code.
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
        if (SettingsReader.Read(request.MetricType, request.Alpha, request.Options, out var settings) is { } badSettings)
            return badSettings.ToProblem();
        if (ArmReader.Read(settings.MetricType, request.Arms, "arms", out var arms) is { } badArms) return badArms.ToProblem();
        var (options, powerError) = settings.For(arms);
        var result = arms.Analyze(options);
        return TypedResults.Ok(AnalysisResponses.Analysis(settings, options, arms, result, powerError));
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
        var states = new SequentialState[sets[0].Count - 1];
        var responses = new SequenceLookResponse[looks.Length];
        for (int i = 0; i < sets.Length; i++)
        {
            var (options, _) = settings.For(sets[i]);
            var result = sets[i].Analyze(options, states);
            var comparisons = new SequenceComparisonResponse[states.Length];
            for (int t = 0; t < states.Length; t++)
            {
                states[t] = result.Comparisons[t].Sequential.State;
                comparisons[t] = AnalysisResponses.SequenceComparison(sets[i], t + 1, result.Comparisons[t]);
            }
            responses[i] = new SequenceLookResponse(i + 1, comparisons);
        }
        return TypedResults.Ok(new SequenceResponse(settings.MetricType, settings.Options.Alpha, responses));
    }
}
