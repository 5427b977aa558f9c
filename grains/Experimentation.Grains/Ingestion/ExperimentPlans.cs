using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;

namespace Experimentation.Grains.Ingestion;

/// <summary>
/// A shard's view of the experiments it folds. The running status and variants are re-read for every commit, because
/// they decide how an exposure is classified; the bound metrics are read once, since they are fixed after draft.
/// </summary>
public sealed class ExperimentPlans(IGrainFactory grains)
{
    private readonly Dictionary<string, ExperimentPlan> _plans = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ExperimentPlan> Loaded => _plans;

    /// <summary>Reads the current state of the experiments; unknown ones stay absent.</summary>
    public async Task RefreshAsync(IEnumerable<string> experiments)
    {
        var keys = experiments.Distinct(StringComparer.Ordinal).ToArray();
        var views = await Task.WhenAll(keys.Select(k => grains.GetGrain<IExperimentGrain>(k).Get()));
        for (var i = 0; i < keys.Length; i++)
        {
            if (views[i] is not { } view) continue;
            var metrics = _plans.TryGetValue(keys[i], out var known) && known.Metrics.Length == view.Definition.Metrics.Length
                ? known.Metrics
                : await LoadMetricsAsync(view.Definition.Metrics);
            _plans[keys[i]] = new ExperimentPlan(keys[i], view.Status == ExperimentStatus.Running,
                view.Definition.Variants.Select(v => v.Key).ToArray(), metrics);
        }
    }

    /// <summary>Loads the plans a replay or snapshot needs and does not have yet.</summary>
    public Task EnsureAsync(IEnumerable<string> experiments) =>
        RefreshAsync(experiments.Where(e => !_plans.ContainsKey(e)));

    private async Task<MetricDefinition[]> LoadMetricsAsync(MetricBinding[] bindings)
    {
        var registry = grains.GetGrain<IMetricRegistryGrain>(0);
        var metrics = await Task.WhenAll(bindings.Select(b => registry.Get(b.MetricKey)));
        return metrics.OfType<MetricDefinition>().ToArray();
    }
}
