using Experimentation.Statistics.Reports;

namespace Experimentation.Statistics;

/// <summary>
/// Turns a report's verdicts into a recommendation, in this order: a broken split first (nothing can be trusted), then
/// harm (a breached guardrail, or a primary metric significantly worse), then a win (a primary metric significantly
/// better, by the badge of the experiment's decision mode), then futility (every primary comparison's always-valid
/// CI inside ±MDE); otherwise keep running.
/// </summary>
public static class Recommendations
{
    public const string Ship = "ship";
    public const string Stop = "stop";
    public const string KeepRunning = "keep_running";

    public static RecommendationReport Decide(AnalysisReport report)
    {
        if (report.Srm.Flagged)
            return new(KeepRunning, null, "The sample ratio does not match the weights (SRM): find why before trusting any result.");

        foreach (var metric in report.Metrics)
            foreach (var c in metric.Comparisons)
                if (c.Guardrail?.Breached == true)
                    return new(Stop, c.Treatment, $"Guardrail {metric.Key} is breached for {c.Treatment}: {c.Guardrail.Degradation:P1} worse, beyond the tolerated {c.Guardrail.MaxDegradation:P1}.");

        var primary = report.Metrics.Where(m => m.Role == AnalysisRole.Primary).ToArray();
        foreach (var metric in primary)
            foreach (var c in metric.Comparisons)
                if (c.Badge == SignificanceBadge.Significant && Better(metric, c) == false)
                    return new(Stop, c.Treatment, $"{c.Treatment} is significantly worse than {c.Control} on primary metric {metric.Key}.");

        var winner = primary
            .SelectMany(m => m.Comparisons.Where(c => c.Badge == SignificanceBadge.Significant && Better(m, c) == true).Select(c => (Metric: m, Comparison: c)))
            .OrderByDescending(x => Math.Abs(x.Comparison.Lift ?? 0))
            .FirstOrDefault();
        if (winner.Comparison is { } best)
            return new(Ship, best.Treatment, $"{best.Treatment} is significantly better than {best.Control} on primary metric {winner.Metric.Key} ({best.Lift:+0.0%;-0.0%}), and no guardrail is breached.");

        var comparisons = primary.SelectMany(m => m.Comparisons).ToArray();
        if (comparisons.Length > 0 && comparisons.All(c => c.Sequential.StopForFutility))
            return new(Stop, null, "Every primary comparison's always-valid interval lies inside ±MDE: an effect worth detecting is ruled out.");

        return new(KeepRunning, null, primary.Length == 0
            ? "No primary metric is bound, so nothing decides the experiment."
            : "No primary metric has conclusive evidence yet.");
    }

    // Null when the metric's direction is unknown (no direction given) or the effect is zero.
    private static bool? Better(MetricReport metric, ComparisonReport c) =>
        metric.HigherIsBetter is not { } higher || c.Delta is not { } delta || delta == 0 ? null : (delta > 0) == higher;
}
