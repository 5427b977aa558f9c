using Experimentation.Gateway.Contracts.Analysis;
using Experimentation.Statistics;

namespace Experimentation.Gateway.Analysis;

/// <summary>
/// The validated arms of one request or look, control first, as the engine's sufficient statistics. Exactly one of
/// the three arrays is set, the one for the metric type.
/// </summary>
public sealed record ArmSet(
    AnalysisMetricType MetricType,
    string[] Keys,
    double[] Weights,
    bool Weighted,
    SampleMean[]? Means,
    Proportion[]? Proportions,
    RatioSample[]? Ratios,
    CupedSample[]? Cuped = null,
    QuantileSample[]? Quantiles = null,
    RatioCupedSample[]? RatioCuped = null)
{
    public int Count => Keys.Length;

    /// <summary>
    /// The engine's input: one unnamed primary metric over these arms, whose units are also the SRM counts. The same
    /// entry point live looks call, so the numbers cannot differ for the same sums.
    /// </summary>
    public ExperimentInput Input(AnalysisSettings settings)
    {
        var samples = MetricType switch
        {
            AnalysisMetricType.Mean => MetricSamples.Of(Means!),
            AnalysisMetricType.Conversion => MetricSamples.Of(Proportions!),
            AnalysisMetricType.Percentile => MetricSamples.Of(Quantiles!),
            _ => MetricSamples.Of(Ratios!),
        };
        var arms = Keys.Select((k, i) => new ArmInput(k, Weights[i], samples.Summary(i).Count)).ToArray();
        return new ExperimentInput(arms, [new MetricInput(null, AnalysisRole.Primary, samples, settings.Guardrail, HigherIsBetter: settings.HigherIsBetter,
                Cuped: Cuped is { } c ? new CupedInput(c) : RatioCuped is { } r ? CupedInput.OfRatios(r) : null)],
            settings.Experiment with { Weighted = Weighted });
    }
}
