namespace Experimentation.Statistics.Reports;

/// <summary>One persisted look as GET /results/looks lists it: what the boundary chart needs and nothing more.</summary>
public sealed record LookPoint(long Look, DateTimeOffset TakenAt, ArmUnits[] Arms, LookComparison[] Comparisons)
{
    public static LookPoint Of(ExperimentReport report) => new(report.Look, report.TakenAt,
        report.Analysis.Arms.Select(a => new ArmUnits(a.Key, a.Units)).ToArray(),
        report.Analysis.Metrics.SelectMany(m => m.Comparisons.Select(c => new LookComparison(
            m.Key!, c.Treatment, c.Delta, c.ConfidenceInterval, c.Sequential.LogLambda, c.Sequential.Lambda,
            c.Sequential.ConfidenceInterval, c.Sequential.AlwaysValidPValue, c.Sequential.AlwaysValidConfidenceInterval,
            c.Sequential.AlwaysValidCiError, c.Badge))).ToArray());
}

/// <summary>An arm's units at a look.</summary>
public sealed record ArmUnits(string Key, long Units);

/// <summary>
/// One metric and treatment at a look: the effect with its fixed CI, Λ, this look's confidence-sequence interval, and
/// the running always-valid p and CI (the band of the chart), with the badge.
/// </summary>
public sealed record LookComparison(
    string Metric,
    string Treatment,
    double? Delta,
    IntervalReport ConfidenceInterval,
    double? LogLambda,
    double? Lambda,
    IntervalReport SequenceInterval,
    double? AlwaysValidPValue,
    IntervalReport AlwaysValidConfidenceInterval,
    string? AlwaysValidCiError,
    SignificanceBadge Badge);

/// <summary>GET /results/sequential: the boundary chart of one metric and treatment over the persisted looks.</summary>
/// <param name="Boundary">1/α, the level Λ must reach for efficacy.</param>
public sealed record SequentialSeries(string Metric, string Treatment, double Boundary, SequentialPoint[] Points)
{
    /// <summary>Regroups looks (already thinned) into one series per metric and treatment, in order of first appearance.</summary>
    public static SequentialSeries[] Of(IReadOnlyList<LookPoint> looks, double alpha) => looks
        .SelectMany(l => l.Comparisons.Select(c => (Look: l, Comparison: c)))
        .GroupBy(x => (x.Comparison.Metric, x.Comparison.Treatment))
        .Select(g => new SequentialSeries(g.Key.Metric, g.Key.Treatment, 1 / alpha, g.Select(x => new SequentialPoint(
            x.Look.Look, x.Look.TakenAt, x.Look.Arms.Sum(a => a.Units), x.Comparison.Delta, x.Comparison.Lambda,
            x.Comparison.SequenceInterval, x.Comparison.AlwaysValidPValue, x.Comparison.AlwaysValidConfidenceInterval,
            x.Comparison.AlwaysValidCiError, x.Comparison.AlwaysValidPValue < alpha)).ToArray()))
        .ToArray();
}

/// <summary>One look of a series: Λ against the boundary, and the effect with its interval and the running intersection.</summary>
/// <param name="Units">Units of every arm at the look.</param>
/// <param name="Crossed">The always-valid p is below α: stop for efficacy.</param>
public sealed record SequentialPoint(long Look, DateTimeOffset TakenAt, long Units, double? Delta, double? Lambda,
    IntervalReport SequenceInterval, double? AlwaysValidPValue, IntervalReport AlwaysValidConfidenceInterval,
    string? AlwaysValidCiError, bool Crossed);
