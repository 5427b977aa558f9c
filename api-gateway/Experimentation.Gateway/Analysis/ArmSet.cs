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
    RatioSample[]? Ratios)
{
    public int Count => Keys.Length;

    /// <summary>Each treatment against the control, SRM over all arms; the same engine call live results make.</summary>
    public MultiArmResult Analyze(AnalysisOptions options, ReadOnlySpan<SequentialState> previous = default)
    {
        ReadOnlySpan<double> weights = Weighted ? Weights : [];
        return MetricType switch
        {
            AnalysisMetricType.Mean => MultiArmAnalysis.Analyze(Means, weights, options, previous),
            AnalysisMetricType.Conversion => MultiArmAnalysis.Analyze(Proportions, weights, options, previous),
            _ => MultiArmAnalysis.Analyze(Ratios, weights, options, previous),
        };
    }

    /// <summary>n, mean (or rate, or ratio) and per-unit variance of arm i, as the tests see it.</summary>
    public ArmSummary Summary(int i) => MetricType switch
    {
        AnalysisMetricType.Mean => Means![i].ToSummary(),
        AnalysisMetricType.Conversion => Proportions![i].ToSummary(),
        _ => Ratios![i].ToSummary(),
    };
}
