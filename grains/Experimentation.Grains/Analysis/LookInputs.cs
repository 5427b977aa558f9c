using System.Text;
using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.Statistics;

namespace Experimentation.Grains.Analysis;

/// <summary>
/// Reads an experiment's definition, metric definitions, variant aggregators and mismatch counts, and turns them into
/// the engine's input: arms control first, every bound metric as per-arm samples, and the experiment's settings.
/// </summary>
public static class LookInputs
{
    public static async Task<LookData?> ReadAsync(IGrainFactory grains, string key)
    {
        if (await grains.GetGrain<IExperimentGrain>(key).Get() is not { } view) return null;
        var definition = view.Definition;
        var registry = grains.GetGrain<IMetricRegistryGrain>(0);
        var metricsTask = Task.WhenAll(definition.Metrics.Select(b => registry.Get(b.MetricKey)));
        // Control first: the engine compares every other arm with arm 0.
        var variants = definition.Variants.OrderBy(v => v.IsControl ? 0 : 1).ToArray();
        var statsTask = Task.WhenAll(variants.Select(v =>
            grains.GetGrain<IVariantAggregatorGrain>(IVariantAggregatorGrain.KeyOf(key, v.Key)).Get()));
        var mismatchesTask = grains.GetGrain<IExposureMismatchGrain>(key).Get();
        var metrics = await metricsTask;
        var stats = await statsTask;
        var mismatches = await mismatchesTask;

        var arms = variants.Select((v, i) => new ArmInput(v.Key, v.Weight, stats[i].ExposedUsers)).ToArray();
        var preDays = definition.CupedPreDays ?? ExperimentDefinition.DefaultCupedPreDays;
        var percentiles = await Task.WhenAll(metrics.Select(m => m is { Type: MetricType.Percentile }
            ? SampleMapping.QuantilesAsync(m, stats, (arm, threshold) => grains
                .GetGrain<IVariantAggregatorGrain>(IVariantAggregatorGrain.KeyOf(key, variants[arm].Key)).GetQuantileClusters(m.Key, threshold))
            : Task.FromResult<MetricSamples?>(null)));
        var inputs = definition.Metrics.Select((b, i) => MetricOf(b, metrics[i], stats, preDays, percentiles[i])).ToArray();
        var settings = new ExperimentSettings
        {
            Options = AnalysisOptions.Default with { DecisionMode = ModeOf(definition.DecisionMode) },
            Mde = definition.Mde,
            MdeIsRelative = true,
            Recommend = true,
            // Live results always carry gbstats' default Bayesian comparison (relative effect, improper prior).
            Bayesian = BayesianSettings.Default,
        };
        return new LookData(view, new ExperimentInput(arms, inputs, settings), Fingerprint(view, stats, mismatches),
            stats.Max(s => s.AsOf), mismatches);
    }

    private static MetricInput MetricOf(MetricBinding binding, MetricDefinition? metric, VariantStatistics[] stats, int cupedPreDays,
        MetricSamples? percentile)
    {
        var role = binding.Role switch
        {
            MetricRole.Primary => AnalysisRole.Primary,
            MetricRole.Guardrail => AnalysisRole.Guardrail,
            _ => AnalysisRole.Informational,
        };
        var guardrail = binding.Role == MetricRole.Guardrail
            ? new GuardrailRule(binding.Direction == MetricDirection.HigherBetter, binding.MaxDegradation)
            : null;
        var higher = binding.Direction == MetricDirection.HigherBetter;
        if (metric is null) return new MetricInput(binding.MetricKey, role, null, guardrail, "the metric is not in the registry", HigherIsBetter: higher);
        if (metric.Type == MetricType.Percentile)
            return new MetricInput(binding.MetricKey, role, percentile, guardrail, HigherIsBetter: higher);
        var sums = stats.Select(s => s.Total(binding.MetricKey)).ToArray();
        return new MetricInput(binding.MetricKey, role, SampleMapping.Of(metric, sums), guardrail,
            Novelty: SampleMapping.Novelty(metric, stats), HigherIsBetter: higher, Cuped: SampleMapping.Cuped(metric, stats, cupedPreDays));
    }

    private static Statistics.DecisionMode ModeOf(GrainInterfaces.Experiments.DecisionMode? mode) =>
        mode == GrainInterfaces.Experiments.DecisionMode.FixedHorizon ? Statistics.DecisionMode.FixedHorizon : Statistics.DecisionMode.Sequential;

    // The definition's version, and per variant the aggregator's version (the sum of its shard partials' versions,
    // which grows with every change to its sums) and the novelty window: any new event, lifecycle change or refold
    // shows up here.
    private static string Fingerprint(ExperimentView view, VariantStatistics[] stats, MismatchCounts mismatches)
    {
        var b = new StringBuilder().Append(view.Version).Append('|').Append(mismatches.Total);
        foreach (var s in stats)
            b.Append('|').Append(s.Variant).Append(':').Append(s.Version).Append(':').Append(s.NoveltyEarlyDays);
        return b.ToString();
    }
}
