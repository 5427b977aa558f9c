namespace Experimentation.Statistics;

/// <summary>
/// One metric over every arm of an experiment: arm 0 is the control, every other arm a treatment. Each treatment is
/// analysed against the control with <see cref="TwoArmAnalysis"/>, the decision p-values are adjusted across the
/// treatments, and SRM is tested over all arms together. The analysis API and live results both call this, so they
/// cannot disagree.
/// </summary>
/// <remarks>
/// SRM is a property of the whole split: a broken split in any arm invalidates every comparison, so when the k-arm
/// test flags, every comparison gets the SRM badge (GrowthBook shows one SRM warning per experiment). Weights are
/// one per arm, or empty for an equal split; any other length is invalid input and the SRM result says so.
/// </remarks>
public static class MultiArmAnalysis
{
    /// <summary>Mean metrics. <paramref name="previous"/> holds one sequential state per treatment, or is empty.</summary>
    public static MultiArmResult Analyze(ReadOnlySpan<SampleMean> arms, ReadOnlySpan<double> weights,
        AnalysisOptions? options = null, ReadOnlySpan<SequentialState> previous = default) =>
        Run(arms, static a => a.Count, TwoArmAnalysis.Analyze, weights, options ?? AnalysisOptions.Default, previous);

    /// <summary>Conversion metrics.</summary>
    public static MultiArmResult Analyze(ReadOnlySpan<Proportion> arms, ReadOnlySpan<double> weights,
        AnalysisOptions? options = null, ReadOnlySpan<SequentialState> previous = default) =>
        Run(arms, static a => a.Count, TwoArmAnalysis.Analyze, weights, options ?? AnalysisOptions.Default, previous);

    /// <summary>Ratio metrics.</summary>
    public static MultiArmResult Analyze(ReadOnlySpan<RatioSample> arms, ReadOnlySpan<double> weights,
        AnalysisOptions? options = null, ReadOnlySpan<SequentialState> previous = default) =>
        Run(arms, static a => a.Count, TwoArmAnalysis.Analyze, weights, options ?? AnalysisOptions.Default, previous);

    private delegate TwoArmResult PairAnalysis<T>(in T control, in T treatment, AnalysisOptions? options, in SequentialState previous);

    private static MultiArmResult Run<T>(ReadOnlySpan<T> arms, Func<T, long> count, PairAnalysis<T> analyze,
        ReadOnlySpan<double> weights, AnalysisOptions options, ReadOnlySpan<SequentialState> previous)
    {
        bool weighted = weights.Length == arms.Length;
        var counts = new long[arms.Length];
        var effective = new double[arms.Length];
        for (int i = 0; i < arms.Length; i++)
        {
            counts[i] = count(arms[i]);
            effective[i] = weighted ? weights[i] : 1.0;
        }

        var results = new TwoArmResult[Math.Max(0, arms.Length - 1)];
        for (int i = 1; i < arms.Length; i++)
        {
            var pair = options with { ControlWeight = effective[0], TreatmentWeight = effective[i] };
            var state = previous.Length >= i ? previous[i - 1] : default;
            results[i - 1] = analyze(arms[0], arms[i], pair, state);
        }

        var srm = weighted || weights.IsEmpty
            ? SampleRatioMismatch.Test(counts, effective, options.SrmThreshold)
            : new SrmResult(StatisticsError.InvalidInput, double.NaN, 0, double.NaN, false);
        var adjusted = TwoArmAnalysis.AdjustFamily(results, options);
        for (int i = 0; i < adjusted.Length; i++)
        {
            var r = adjusted[i];
            adjusted[i] = r with
            {
                Badge = BadgeRules.Decide(srm.IsMismatch || r.Srm.IsMismatch, r.IsUnderpowered, r.AdjustedPValue, options.Alpha),
            };
        }
        return new MultiArmResult(adjusted, srm);
    }
}
