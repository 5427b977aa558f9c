using Experimentation.Statistics;
using Experimentation.Statistics.Reports;

namespace Experimentation.Gateway.Contracts.Analysis;

/// <summary>
/// The analysis of one metric: per-arm summaries, one comparison per treatment against the control, and SRM over all
/// arms. The same report model as live results (one metric of it, and its SRM). Every number is a JSON number; a
/// statistic that could not be computed is null, and the error of the object holding it says why.
/// </summary>
public sealed record AnalysisResponse(
    MetricKind MetricType,
    double Alpha,
    ArmReport[] Arms,
    ComparisonReport[] Comparisons,
    SrmReport Srm)
{
    /// <summary>The one metric of a report the analysis API asked for.</summary>
    public static AnalysisResponse From(AnalysisReport report)
    {
        var metric = report.Metrics.Single();
        return new AnalysisResponse(metric.MetricType, report.Alpha, metric.Arms, metric.Comparisons, report.Srm);
    }
}
