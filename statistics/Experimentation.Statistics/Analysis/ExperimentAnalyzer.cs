using Experimentation.Statistics.Reports;

namespace Experimentation.Statistics;

/// <summary>
/// The one analysis entry point: every metric of an experiment, each treatment against the control, SRM over every
/// arm, the multiple-comparison family, the decision mode's badges and the guardrail verdicts. Live looks and the
/// analysis API both call <see cref="Analyze"/>, and both return its <see cref="AnalysisReport"/>.
/// </summary>
/// <remarks>
/// A pure function of the samples, the settings and the previous sequential states: the same inputs give the same
/// report anywhere. SRM is a property of the whole split, so when the k-arm test flags, every badge of every metric
/// says srm_warning (GrowthBook shows one SRM warning per experiment).
/// </remarks>
public static class ExperimentAnalyzer
{
    /// <summary>The key of a (metric, treatment)'s sequential state.</summary>
    public static string StateKey(string? metric, string treatment) => $"{metric}/{treatment}";

    /// <summary>The key of a (metric, treatment)'s guardrail state, in the same dictionary: <c>"{metric}/{treatment}/guardrail"</c>.</summary>
    public static string GuardrailStateKey(string? metric, string treatment) => StateKey(metric, treatment) + "/guardrail";

    public static AnalysisOutcome Analyze(ExperimentInput input, IReadOnlyDictionary<string, SequentialState>? previous = null)
    {
        var settings = input.Settings;
        var arms = input.Arms;
        var srm = Srm(arms, settings);
        var states = new Dictionary<string, SequentialState>(StringComparer.Ordinal);

        // First every comparison, then the family adjustment, then the badges, which need the adjusted p-values.
        var computed = new List<Computed>[input.Metrics.Count];
        var family = new List<(int Metric, int Comparison)>();
        for (int m = 0; m < input.Metrics.Count; m++)
        {
            var metric = input.Metrics[m];
            computed[m] = [];
            if (metric.Samples is not { } samples) continue;
            if (samples.Count != arms.Count)
                throw new ArgumentException($"Metric '{metric.Key}' has {samples.Count} samples for {arms.Count} arms.", nameof(input));
            var (options, powerError) = OptionsFor(settings, samples.Summary(0).Mean);
            for (int t = 1; t < arms.Count; t++)
            {
                var key = StateKey(metric.Key, arms[t].Key);
                var test = TestOf(metric, samples, t, options, Previous(previous, key));
                states[key] = test.Result.Sequential.State;
                GuardrailLook? guardrail = null;
                if (metric.Guardrail is { } rule)
                {
                    var guardrailKey = GuardrailStateKey(metric.Key, arms[t].Key);
                    var look = GuardrailOf(test, rule, options, Previous(previous, guardrailKey));
                    states[guardrailKey] = look.State;
                    guardrail = look;
                }
                if (metric.Role == AnalysisRole.Primary) family.Add((m, computed[m].Count));
                computed[m].Add(new Computed(t, test, guardrail, options.Mde, powerError, null));
            }
        }

        var raw = family.Select(f => computed[f.Metric][f.Comparison].Test.Result.DecisionPValue).ToArray();
        var adjusted = MultipleComparisons.Adjust(raw, settings.Options.Correction);
        for (int i = 0; i < family.Count; i++)
        {
            var (m, c) = family[i];
            computed[m][c] = computed[m][c] with { Adjusted = adjusted[i] };
        }

        var alpha = settings.Options.Alpha;
        var metrics = new MetricReport[input.Metrics.Count];
        for (int m = 0; m < metrics.Length; m++)
        {
            var metric = input.Metrics[m];
            var comparisons = computed[m].Select(c =>
            {
                var result = c.Test.Result;
                var badge = BadgeRules.Decide(settings.Options.DecisionMode, srm.IsMismatch, result.IsUnderpowered,
                    c.Adjusted ?? result.DecisionPValue, alpha);
                var report = ReportMapper.Comparison(arms[0].Key, arms[c.Treatment].Key, c.Test.StatisticName, result, c.Adjusted,
                    badge, c.Mde, c.PowerError, metric.Samples!.Summary(0).Count, metric.Guardrail, c.Guardrail) with { Cuped = c.Test.Cuped };
                if (settings.Bayesian is { } bayesian)
                {
                    // The direction decides which sign wins; unknown is taken as higher is better, gbstats' default.
                    bool higherIsBetter = metric.HigherIsBetter ?? metric.Guardrail?.HigherIsBetter ?? true;
                    var posterior = BayesianTest.Compare(c.Test.Control, c.Test.Treatment, bayesian, higherIsBetter, alpha);
                    report = report with { Bayesian = ReportMapper.Bayesian(posterior) };
                }
                return metric.Novelty is { } novelty && novelty.Arms.Length == arms.Count
                    ? report with { Novelty = ReportMapper.Novelty(novelty.EarlyDays, NoveltyTest.Evaluate(novelty.Arms[0], novelty.Arms[c.Treatment], alpha)) }
                    : report;
            }).ToArray();
            metrics[m] = new MetricReport
            {
                Key = metric.Key,
                MetricType = metric.Samples?.Kind ?? MetricKind.Mean,
                Role = metric.Role,
                HigherIsBetter = metric.HigherIsBetter ?? metric.Guardrail?.HigherIsBetter,
                Error = metric.Samples is null ? metric.Error ?? "the metric has no data to analyse" : null,
                Arms = metric.Samples is { } s ? ReportMapper.Arms(arms, s, metric.Cuped) : [],
                Comparisons = comparisons,
            };
        }

        var exposures = arms.Select((a, i) => new ExposureReport(a.Key, i == 0, a.Weight, a.Units)).ToArray();
        var report = new AnalysisReport(alpha, settings.Options.DecisionMode, exposures, ReportMapper.Srm(srm), metrics);
        return new AnalysisOutcome(settings.Recommend ? report with { Recommendation = Recommendations.Decide(report) } : report, states);
    }

    private static SrmResult Srm(IReadOnlyList<ArmInput> arms, ExperimentSettings settings)
    {
        var counts = arms.Select(a => a.Units).ToArray();
        var weights = arms.Select(a => settings.Weighted ? a.Weight : 1.0).ToArray();
        return SampleRatioMismatch.Test(counts, weights, settings.Options.SrmThreshold);
    }

    // The engine plans with an absolute MDE on the metric's scale; a relative one is scaled by this look's control mean.
    private static (AnalysisOptions Options, string? PowerError) OptionsFor(ExperimentSettings settings, double controlMean)
    {
        var decision = settings.Options with { Mde = null };
        if (settings.Mde is not { } mde) return (decision, ErrorCodes.NoMde);
        if (!settings.MdeIsRelative) return (decision with { Mde = mde }, null);
        double absolute = mde * Math.Abs(controlMean);
        return Math.Abs(controlMean) > 0 && double.IsFinite(absolute)
            ? (decision with { Mde = absolute }, null)
            : (decision, ErrorCodes.ZeroBaseline);
    }

    // The guardrail's own test, with the mixing variance of the metric's mSPRT at this look (relative to its SE²), on
    // the arms the comparison tested (CUPED-adjusted when it was).
    private static GuardrailLook GuardrailOf(PairTest test, GuardrailRule rule, AnalysisOptions options, in SequentialState previous)
    {
        double se = test.Result.Comparison.StandardError;
        double ratio = Guardrail.MixingRatio(options, test.Control.Count + test.Treatment.Count, se * se);
        return Guardrail.Look(previous, test.Control, test.Treatment, rule, options.Alpha, ratio);
    }

    // The metric's test of one treatment: CUPED-adjusted when the metric has a covariate that varies, else its own test.
    private static PairTest TestOf(MetricInput metric, MetricSamples samples, int t, AnalysisOptions options, in SequentialState previous)
    {
        var unadjusted = samples.Compare(t, options, previous);
        var name = samples.Kind == MetricKind.Conversion ? "chi_squared" : "t";
        var plain = new PairTest(unadjusted, samples.Summary(0), samples.Summary(t), name, null);
        if (metric.Cuped is not { } cuped || cuped.Count != samples.Count || samples.Kind == MetricKind.Percentile) return plain;
        if (samples.Kind == MetricKind.Ratio)
            return cuped.Ratios is { } ratios ? RatioTestOf(ratios[0], ratios[t], cuped.PreDays, unadjusted, plain, options, previous) : plain;
        if (cuped.Ratios is not null) return plain;
        CupedSample control = cuped.Arms[0], treatment = cuped.Arms[t];
        if (!CupedAdjustment.HasCovariate(control, treatment))
            return plain with { Cuped = ReportMapper.Cuped(false, NoCovariate(cuped.PreDays), cuped.PreDays, 0, unadjusted.Comparison, unadjusted.Comparison) };
        bool proportion = samples.Kind == MetricKind.Conversion;
        double theta = CupedAdjustment.Theta(control, treatment);
        var adjusted = TwoArmAnalysis.Analyze(control, treatment, theta, proportion, options, previous);
        return new PairTest(adjusted, CupedAdjustment.Adjusted(control, theta, proportion), CupedAdjustment.Adjusted(treatment, theta, proportion),
            "t", ReportMapper.Cuped(true, null, cuped.PreDays, theta, adjusted.Comparison, unadjusted.Comparison));
    }

    // A ratio metric by gbstats' regression-adjusted ratio; like gbstats, a negligible θ means the unadjusted ratio.
    private static PairTest RatioTestOf(in RatioCupedSample control, in RatioCupedSample treatment, int? preDays, in TwoArmResult unadjusted,
        PairTest plain, AnalysisOptions options, in SequentialState previous)
    {
        double theta = RatioCupedAdjustment.Theta(control, treatment);
        if (Math.Abs(theta) < RatioCupedAdjustment.NegligibleTheta)
            return plain with { Cuped = ReportMapper.Cuped(false, NoCovariate(preDays), preDays, 0, unadjusted.Comparison, unadjusted.Comparison) };
        var adjusted = TwoArmAnalysis.Analyze(control, treatment, theta, options, previous);
        return new PairTest(adjusted, RatioCupedAdjustment.Adjusted(control, theta), RatioCupedAdjustment.Adjusted(treatment, theta),
            "t", ReportMapper.Cuped(true, null, preDays, theta, adjusted.Comparison, unadjusted.Comparison));
    }

    private static string NoCovariate(int? preDays) =>
        "no user has a pre-exposure value of this metric" + (preDays is { } days ? $" in the {days} days before their first exposure" : "")
        + ", so the results are unadjusted";

    private static SequentialState Previous(IReadOnlyDictionary<string, SequentialState>? previous, string key) =>
        previous is not null && previous.TryGetValue(key, out var held) ? held : SequentialState.Initial;

    private sealed record Computed(int Treatment, PairTest Test, GuardrailLook? Guardrail, double? Mde, string? PowerError,
        double? Adjusted);

    // A comparison with the arm summaries it tested, for the guardrail and the Bayesian comparison to use the same.
    private sealed record PairTest(TwoArmResult Result, ArmSummary Control, ArmSummary Treatment, string StatisticName, CupedReport? Cuped);
}
