using System.Text.Json;
using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.Statistics;

namespace Experimentation.Gateway.Results;

/// <summary>
/// Turns the aggregators' sufficient statistics into the results page, with the statistics engine only: a pure
/// function of the sums and the experiment's settings, so the same inputs give the same numbers anywhere.
/// </summary>
/// <remarks>
/// The aggregators keep one total per metric, so each query is a single mSPRT look: the always-valid p and CI are
/// those of that look alone, with no state kept between queries. Novelty is not assessed here.
/// </remarks>
public static class ResultsCalculator
{
    private const double Alpha = 0.05;

    public static ResultsResponse Calculate(ExperimentView view, IReadOnlyDictionary<string, MetricDefinition> metrics,
        IReadOnlyDictionary<string, VariantStatistics> stats, MismatchCounts mismatches)
    {
        var variants = view.Definition.Variants;
        var control = variants.Single(v => v.IsControl);
        var exposures = variants.Select(v => new VariantExposure(v.Key, v.IsControl, v.Weight, stats[v.Key].ExposedUsers)).ToArray();
        var srm = variants.Length < 2
            ? new SrmResult(StatisticsError.InvalidInput, double.NaN, 0, double.NaN, false)
            : SampleRatioMismatch.Test(exposures.Select(e => e.ExposedUsers).ToArray(), variants.Select(v => (double)v.Weight).ToArray());

        var analyses = new List<(MetricBinding Binding, MetricDefinition Metric, VariantDefinition Treatment, TwoArmResult Result, NoveltyResult? Novelty)>();
        foreach (var binding in view.Definition.Metrics)
        {
            if (!metrics.TryGetValue(binding.MetricKey, out var metric) || metric.Type == MetricType.Percentile) continue;
            foreach (var treatment in variants.Where(v => !v.IsControl))
            {
                var looks = Looks(metric, view.Definition.Mde, control, treatment, stats[control.Key], stats[treatment.Key]);
                analyses.Add((binding, metric, treatment, looks.Count == 0
                    ? Analyze(metric, default, default, Options(view.Definition.Mde, default, metric, control, treatment), default)
                    : looks[^1].Result, null));
            }
        }

        // The family for multiple comparisons is the primary metrics × the treatment arms.
        var family = analyses.Select((a, i) => (a, i)).Where(x => x.a.Binding.Role == MetricRole.Primary).ToArray();
        var adjusted = TwoArmAnalysis.AdjustFamily(family.Select(x => x.a.Result).ToArray());
        for (var k = 0; k < family.Length; k++) analyses[family[k].i] = analyses[family[k].i] with { Result = adjusted[k] };

        var metricResults = view.Definition.Metrics.Select(binding =>
        {
            metrics.TryGetValue(binding.MetricKey, out var metric);
            var perVariant = variants.Select(v =>
            {
                var sums = stats[v.Key].Total(binding.MetricKey);
                return new MetricVariant(v.Key, sums.Count, Finite(metric is null ? double.NaN : ValueOf(metric, sums)), sums);
            }).ToArray();
            var comparisons = analyses.Where(a => a.Binding == binding)
                .Select(a => ToComparison(a.Binding, a.Metric, control.Key, a.Treatment.Key, a.Result, a.Novelty)).ToArray();
            var error = metric is null ? "the metric is not in the registry"
                : metric.Type == MetricType.Percentile ? "percentile metrics are not analysed yet (they need mergeable sketches)" : null;
            return new MetricResults(binding.MetricKey, Name(metric?.Type.ToString() ?? "unknown"), Name(binding.Role.ToString()),
                Name(binding.Direction.ToString()), perVariant, comparisons, error);
        }).ToArray();

        return new ResultsResponse(view.Key, Name(view.Status.ToString()), stats.Values.Max(s => s.AsOf), exposures,
            new SrmResponse(Finite(srm.ChiSquared), Finite(srm.PValue), srm.IsMismatch), mismatches, metricResults);
    }

    /// <summary>The boundary chart: the one look of the current totals, per metric and treatment.</summary>
    public static SequentialResponse Sequential(ExperimentView view, IReadOnlyDictionary<string, MetricDefinition> metrics,
        IReadOnlyDictionary<string, VariantStatistics> stats)
    {
        var control = view.Definition.Variants.Single(v => v.IsControl);
        var series = new List<SequentialSeries>();
        foreach (var binding in view.Definition.Metrics)
        {
            if (!metrics.TryGetValue(binding.MetricKey, out var metric) || metric.Type == MetricType.Percentile) continue;
            foreach (var treatment in view.Definition.Variants.Where(v => !v.IsControl))
            {
                var points = Looks(metric, view.Definition.Mde, control, treatment, stats[control.Key], stats[treatment.Key])
                    .Where(l => l.Result.Sequential.Error == StatisticsError.None)
                    .Select(l => new SequentialPoint(l.Day, l.Users, Finite(l.Result.Comparison.Delta), Finite(l.Result.Sequential.Lambda),
                        1 / Alpha, Finite(l.Result.Sequential.AlwaysValidPValue), Ci(l.Result.Sequential.AlwaysValidConfidenceInterval),
                        l.Result.Sequential.StopForEfficacy))
                    .ToArray();
                series.Add(new SequentialSeries(binding.MetricKey, treatment.Key, control.Key, points));
            }
        }
        return new SequentialResponse(view.Key, stats.Values.Max(s => s.AsOf), series.ToArray());
    }

    private static List<(DateOnly Day, long Users, TwoArmResult Result)> Looks(MetricDefinition metric, double? mde,
        VariantDefinition control, VariantDefinition treatment, VariantStatistics c, VariantStatistics t)
    {
        MetricSums sumsC = c.Total(metric.Key), sumsT = t.Total(metric.Key);
        if (sumsC.IsEmpty && sumsT.IsEmpty) return [];
        var day = c.Exposures.Concat(t.Exposures).Max(b => b.Day);
        return [(day, sumsC.Count + sumsT.Count, Analyze(metric, sumsC, sumsT, Options(mde, sumsC, metric, control, treatment), SequentialState.Initial))];
    }

    // The experiment's MDE is relative; the engine plans with an absolute effect on the metric's scale.
    private static AnalysisOptions Options(double? relativeMde, MetricSums control, MetricDefinition metric, VariantDefinition c, VariantDefinition t)
    {
        var baseline = Math.Abs(ValueOf(metric, control));
        return AnalysisOptions.Default with
        {
            Mde = relativeMde is { } m && double.IsFinite(baseline) && baseline > 0 ? m * baseline : null,
            ControlWeight = c.Weight,
            TreatmentWeight = t.Weight,
        };
    }

    private static TwoArmResult Analyze(MetricDefinition metric, MetricSums c, MetricSums t, AnalysisOptions options, SequentialState previous) =>
        metric.Type == MetricType.Conversion
            ? TwoArmAnalysis.Analyze(new Proportion(c.Count, c.Conversions), new Proportion(t.Count, t.Conversions), options, previous)
            : metric.IsRatio()
                ? TwoArmAnalysis.Analyze(Ratio(c), Ratio(t), options, previous)
                : TwoArmAnalysis.Analyze(Mean(c), Mean(t), options, previous);

    private static RatioSample Ratio(MetricSums s)
    {
        var v = s.Values.Fold();
        return RatioSample.FromShiftedSums(v.Count, v.ShiftX, v.ShiftY, v.SumX, v.SumY, v.SumXX, v.SumYY, v.SumXY);
    }

    private static SampleMean Mean(MetricSums s)
    {
        var v = s.Values.Fold();
        return SampleMean.FromShiftedSums(v.Count, v.ShiftX, v.SumX, v.SumXX);
    }

    private static Comparison ToComparison(MetricBinding binding, MetricDefinition metric, string control, string treatment,
        TwoArmResult r, NoveltyResult? novelty)
    {
        var c = r.Comparison;
        GuardrailResponse? guardrail = null;
        if (binding.Role == MetricRole.Guardrail)
        {
            var verdict = Guardrail.Evaluate(r, binding.Direction == MetricDirection.HigherBetter, binding.MaxDegradation, Alpha);
            guardrail = new GuardrailResponse(verdict.Breached, Finite(verdict.Degradation), binding.MaxDegradation);
        }
        return new Comparison(treatment, control, c.Error == StatisticsError.None ? null : Name(c.Error.ToString()),
            Finite(c.Delta), Ci(c.ConfidenceInterval), Finite(100 * c.Lift), Ci(c.LiftConfidenceInterval, 100),
            metric.Type == MetricType.Conversion ? "chi_squared" : "welch_t", Finite(c.Statistic), Finite(c.DegreesOfFreedom),
            Finite(c.PValue), binding.Role == MetricRole.Primary ? Finite(r.AdjustedPValue) : null,
            Finite(r.Sequential.AlwaysValidPValue), Ci(r.Sequential.AlwaysValidConfidenceInterval),
            Name(r.Badge.ToString()), r.RequiredSampleSizePerArm >= 0 ? r.RequiredSampleSizePerArm : null, r.IsUnderpowered, r.Srm.IsMismatch,
            novelty is { } n ? new NoveltyResponse(n.IsNovelty, Finite(n.EarlyDelta), Finite(n.LateDelta), Finite(n.PValue)) : null,
            guardrail);
    }

    private static double ValueOf(MetricDefinition metric, MetricSums s) =>
        metric.Type == MetricType.Conversion ? (s.Count == 0 ? double.NaN : (double)s.Conversions / s.Count)
        : metric.IsRatio() ? (s.Values.TotalY == 0 ? double.NaN : s.Values.TotalX / s.Values.TotalY)
        : s.Count == 0 ? double.NaN : Mean(s).Mean;

    private static double? Finite(double x) => double.IsFinite(x) && Math.Abs(x) < double.MaxValue ? x : null;

    private static double?[] Ci(Interval i, double scale = 1) => [Finite(i.Lower * scale), Finite(i.Upper * scale)];

    private static string Name(string pascal) => JsonNamingPolicy.SnakeCaseLower.ConvertName(pascal);
}
