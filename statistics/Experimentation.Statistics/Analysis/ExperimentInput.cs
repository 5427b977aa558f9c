namespace Experimentation.Statistics;

/// <summary>Everything one look analyses: the arms (control first), each metric's samples, and the settings.</summary>
public sealed record ExperimentInput(IReadOnlyList<ArmInput> Arms, IReadOnlyList<MetricInput> Metrics, ExperimentSettings Settings);

/// <summary>One arm: its key, its traffic weight and its units for SRM (live: exposed users).</summary>
public sealed record ArmInput(string Key, double Weight, long Units);

/// <summary>
/// One metric. <paramref name="Samples"/> holds one sample per arm in <see cref="ExperimentInput.Arms"/> order; when it
/// is null, <paramref name="Error"/> says why the metric cannot be analysed and the report shows only that.
/// </summary>
/// <param name="Key">Its key, also the first half of its sequential states' keys; null for one unnamed metric.</param>
/// <param name="Novelty">Per arm, the users' early and late values, for the novelty check; null when the metric has none.</param>
/// <param name="HigherIsBetter">The metric's direction, for the recommendation; null when unknown.</param>
/// <param name="Cuped">
/// Per arm, each user's metric value with their pre-exposure value of the same metric, for CUPED; null for none. Used
/// for mean, conversion and ratio metrics: every comparison is then adjusted, unless the covariate has no variance.
/// </param>
public sealed record MetricInput(string? Key, AnalysisRole Role, MetricSamples? Samples, GuardrailRule? Guardrail = null,
    string? Error = null, NoveltyInput? Novelty = null, bool? HigherIsBetter = null, CupedInput? Cuped = null);

/// <summary>
/// CUPED's input: per arm (control first) the users' (metric, covariate) moments, and the pre-period the covariate
/// covers (days before each user's first exposure; null when the caller did not say, as in the analysis API). A ratio
/// metric gives <see cref="Ratios"/> instead, the (M, D, M', D') moments of <see cref="RatioCupedSample"/>, and no
/// <see cref="Arms"/>.
/// </summary>
public sealed record CupedInput(CupedSample[] Arms, int? PreDays = null, RatioCupedSample[]? Ratios = null)
{
    /// <summary>A ratio metric's CUPED input.</summary>
    public static CupedInput OfRatios(RatioCupedSample[] arms, int? preDays = null) => new([], preDays, arms);

    /// <summary>The number of arms given.</summary>
    public int Count => Ratios?.Length ?? Arms.Length;
}

/// <summary>The novelty check's input: each arm's paired early/late sample, and the early window it used.</summary>
public sealed record NoveltyInput(int EarlyDays, NoveltySample[] Arms);

/// <summary>A guardrail's tolerance: which way is good and the relative harm tolerated (0.05 = 5%).</summary>
public sealed record GuardrailRule(bool HigherIsBetter, double MaxDegradation);
