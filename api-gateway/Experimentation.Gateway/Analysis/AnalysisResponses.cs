using Experimentation.Gateway.Contracts.Analysis;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Statistics;

namespace Experimentation.Gateway.Analysis;

/// <summary>Maps the engine's results to the API's JSON shapes. No statistics here: only NaN → null and codes.</summary>
public static class AnalysisResponses
{
    /// <summary>The reply to POST /api/analysis; <paramref name="options"/> are the ones the engine ran with.</summary>
    public static AnalysisResponse Analysis(AnalysisSettings settings, AnalysisOptions options, ArmSet arms, MultiArmResult result,
        string? powerError)
    {
        var armResponses = new ArmResponse[arms.Count];
        for (int i = 0; i < arms.Count; i++)
        {
            var summary = arms.Summary(i);
            var numbers = new Numbers();
            armResponses[i] = new ArmResponse
            {
                Key = arms.Keys[i],
                Control = i == 0,
                N = summary.Count,
                Mean = numbers.Of(summary.Mean),
                Variance = numbers.Of(summary.Variance),
                Weight = arms.Weights[i],
            };
        }

        var comparisons = new ComparisonResponse[result.Comparisons.Length];
        for (int i = 0; i < comparisons.Length; i++)
            comparisons[i] = Comparison(settings, options, arms, i + 1, result.Comparisons[i], powerError);
        return new AnalysisResponse(settings.MetricType, settings.Options.Alpha, armResponses, comparisons, Srm(result.Srm));
    }

    /// <summary>One treatment's line in the reply to POST /api/analysis/sequence.</summary>
    public static SequenceComparisonResponse SequenceComparison(ArmSet arms, int treatment, in TwoArmResult r)
    {
        var numbers = new Numbers();
        var c = r.Comparison;
        return new SequenceComparisonResponse
        {
            Treatment = arms.Keys[treatment],
            TotalUnits = arms.Summary(0).Count + arms.Summary(treatment).Count,
            Delta = numbers.Of(c.Delta),
            StandardError = numbers.Of(c.StandardError),
            Error = numbers.Error(ErrorCodes.Of(c.Error)),
            Sequential = Sequential(r.Sequential),
        };
    }

    private static ComparisonResponse Comparison(AnalysisSettings settings, AnalysisOptions options, ArmSet arms, int treatment,
        in TwoArmResult r, string? powerError)
    {
        var numbers = new Numbers();
        var c = r.Comparison;
        var response = new ComparisonResponse
        {
            Treatment = arms.Keys[treatment],
            Control = arms.Keys[0],
            ControlMean = numbers.Of(c.ControlMean),
            TreatmentMean = numbers.Of(c.TreatmentMean),
            Delta = numbers.Of(c.Delta),
            StandardError = numbers.Of(c.StandardError),
            Statistic = numbers.Of(c.Statistic),
            StatisticName = arms.MetricType == AnalysisMetricType.Conversion ? "chi_squared" : "t",
            DegreesOfFreedom = numbers.Of(c.DegreesOfFreedom),
            PValue = numbers.Of(c.PValue),
            AdjustedPValue = numbers.Of(r.AdjustedPValue),
            ConfidenceInterval = Interval(numbers, c.ConfidenceInterval),
            Lift = numbers.Of(c.Lift),
            LiftConfidenceInterval = Interval(numbers, c.LiftConfidenceInterval),
            Error = null,
            Sequential = Sequential(r.Sequential),
            Power = Power(arms, r, powerError, options.Mde),
            Badge = r.Badge,
            Guardrail = settings.Guardrail is { } g ? Guardrail(r, g, settings.Options.Alpha) : null,
        };
        return response with { Error = numbers.Error(ErrorCodes.Of(c.Error)) };
    }

    private static SequentialResponse Sequential(in SequentialLook look)
    {
        var numbers = new Numbers();
        var running = look.AlwaysValidConfidenceInterval;
        var response = new SequentialResponse
        {
            Tau2 = numbers.Of(look.TauSquared),
            LogLambda = numbers.Of(look.LogLambda),
            Lambda = numbers.Of(look.Lambda),
            PValue = numbers.Of(look.PValue),
            AlwaysValidPValue = numbers.Of(look.AlwaysValidPValue),
            ConfidenceInterval = Interval(numbers, look.ConfidenceInterval),
            // Before any look the running intersection is the whole line, stored as ±double.MaxValue: unbounded is null.
            AlwaysValidConfidenceInterval = new IntervalResponse(
                Math.Abs(running.Lower) == double.MaxValue ? null : numbers.Of(running.Lower),
                Math.Abs(running.Upper) == double.MaxValue ? null : numbers.Of(running.Upper)),
            StopForEfficacy = look.StopForEfficacy,
            StopForFutility = look.StopForFutility,
            Error = null,
        };
        return response with { Error = numbers.Error(ErrorCodes.Of(look.Error)) };
    }

    private static PowerCheckResponse Power(ArmSet arms, in TwoArmResult r, string? powerError, double? mde)
    {
        long required = r.RequiredSampleSizePerArm;
        string? error = powerError ?? (required >= 0 ? null
            : arms.Summary(0).Count < 2 ? ErrorCodes.Of(StatisticsError.TooFewUnits) : ErrorCodes.Of(StatisticsError.InvalidInput));
        return new PowerCheckResponse
        {
            Error = error,
            MdeAbsolute = mde,
            RequiredSampleSizePerArm = required >= 0 ? required : null,
            Underpowered = r.IsUnderpowered,
        };
    }

    private static GuardrailResponse Guardrail(in TwoArmResult r, GuardrailOptionsRequest options, double alpha)
    {
        var direction = options.Direction!.Value;
        double max = options.MaxDegradation ?? Statistics.Guardrail.DefaultMaxDegradation;
        var verdict = Statistics.Guardrail.Evaluate(r, direction == MetricDirection.HigherBetter, max, alpha);
        return new GuardrailResponse
        {
            Direction = direction,
            MaxDegradation = max,
            Degradation = double.IsFinite(verdict.Degradation) ? verdict.Degradation : null,
            Breached = verdict.Breached,
        };
    }

    private static SrmResponse Srm(in SrmResult srm)
    {
        var numbers = new Numbers();
        var response = new SrmResponse
        {
            ChiSquared = numbers.Of(srm.ChiSquared),
            DegreesOfFreedom = srm.DegreesOfFreedom,
            PValue = numbers.Of(srm.PValue),
            Flagged = srm.IsMismatch,
            Error = null,
        };
        return response with { Error = numbers.Error(ErrorCodes.Of(srm.Error)) };
    }

    private static IntervalResponse Interval(Numbers numbers, Interval interval) =>
        new(numbers.Of(interval.Lower), numbers.Of(interval.Upper));
}
