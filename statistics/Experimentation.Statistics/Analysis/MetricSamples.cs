namespace Experimentation.Statistics;

/// <summary>One metric's sufficient statistics per arm, control first. Exactly one array is set, the one for <see cref="Kind"/>.</summary>
public sealed record MetricSamples
{
    private MetricSamples(MetricKind kind, SampleMean[]? means, Proportion[]? proportions, RatioSample[]? ratios,
        QuantileSample[]? quantiles = null) =>
        (Kind, Means, Proportions, Ratios, Quantiles) = (kind, means, proportions, ratios, quantiles);

    public MetricKind Kind { get; }
    public SampleMean[]? Means { get; }
    public Proportion[]? Proportions { get; }
    public RatioSample[]? Ratios { get; }
    public QuantileSample[]? Quantiles { get; }

    public static MetricSamples Of(params SampleMean[] arms) => new(MetricKind.Mean, arms, null, null);
    public static MetricSamples Of(params Proportion[] arms) => new(MetricKind.Conversion, null, arms, null);
    public static MetricSamples Of(params RatioSample[] arms) => new(MetricKind.Ratio, null, null, arms);
    public static MetricSamples Of(params QuantileSample[] arms) => new(MetricKind.Percentile, null, null, null, arms);

    public int Count => Means?.Length ?? Proportions?.Length ?? Ratios?.Length ?? Quantiles!.Length;

    /// <summary>n, mean (or rate, or ratio) and per-unit variance of arm i, as the tests see it.</summary>
    public ArmSummary Summary(int i) => Kind switch
    {
        MetricKind.Mean => Means![i].ToSummary(),
        MetricKind.Conversion => Proportions![i].ToSummary(),
        MetricKind.Percentile => Quantiles![i].Estimate().ToSummary(),
        _ => Ratios![i].ToSummary(),
    };

    /// <summary>Treatment <paramref name="treatment"/> against arm 0 by the metric's test.</summary>
    internal TwoArmResult Compare(int treatment, AnalysisOptions options, in SequentialState previous) => Kind switch
    {
        MetricKind.Mean => TwoArmAnalysis.Analyze(Means![0], Means[treatment], options, previous),
        MetricKind.Conversion => TwoArmAnalysis.Analyze(Proportions![0], Proportions[treatment], options, previous),
        MetricKind.Percentile => TwoArmAnalysis.Analyze(Quantiles![0].Estimate().ToSummary(), Quantiles[treatment].Estimate().ToSummary(),
            PercentileTest.Compare(Quantiles[0], Quantiles[treatment], options.Alpha, options.DegreesOfFreedom), options, previous),
        _ => TwoArmAnalysis.Analyze(Ratios![0], Ratios[treatment], options, previous),
    };
}
