namespace Experimentation.Statistics.Reports;

/// <summary>
/// The analysis of every metric of an experiment at one look: the one result model that live results and the
/// analysis API both return. Relative figures are fractions (0.05 is 5%); absolute ones are on the metric's scale.
/// </summary>
/// <param name="Alpha">Significance level; CIs are at 1 − alpha.</param>
/// <param name="DecisionMode">sequential (badges on the always-valid p) or fixed_horizon.</param>
/// <param name="Arms">The units per arm that SRM tested, control first.</param>
/// <param name="Srm">SRM over every arm with the weights; when flagged, every badge is srm_warning.</param>
/// <param name="Metrics">In the order given.</param>
public sealed record AnalysisReport(
    double Alpha,
    DecisionMode DecisionMode,
    ExposureReport[] Arms,
    SrmReport Srm,
    MetricReport[] Metrics)
{
    /// <summary>What the evidence supports doing now (live results); null in the analysis API, which sees one metric.</summary>
    public RecommendationReport? Recommendation { get; init; }
}
