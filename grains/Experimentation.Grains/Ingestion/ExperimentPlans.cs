using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;

namespace Experimentation.Grains.Ingestion;

/// <summary>
/// A shard's view of the experiments it folds. The running status and variants are re-read for every commit, because
/// they decide how an exposure is classified; the bound metrics are read once, since they are fixed after draft.
/// The novelty window E is recomputed from the clock by <see cref="AdvanceNoveltyWindows"/>.
/// </summary>
public sealed class ExperimentPlans(IGrainFactory grains, TimeProvider clock)
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
            var window = ExperimentWindow.Of(view);
            _plans[keys[i]] = new ExperimentPlan(keys[i], view.Status == ExperimentStatus.Running,
                view.Definition.Variants.Select(v => v.Key).ToArray(), metrics, window, window.EarlyDays(clock.GetUtcNow()),
                view.Definition.CupedPreDays ?? ExperimentDefinition.DefaultCupedPreDays);
        }
    }

    /// <summary>Loads the plans a replay or snapshot needs and does not have yet.</summary>
    public Task EnsureAsync(IEnumerable<string> experiments) =>
        RefreshAsync(experiments.Where(e => !_plans.ContainsKey(e)));

    /// <summary>Recomputes E of every plan at the current time; true when one changed (a growing window crossed a day).</summary>
    public bool AdvanceNoveltyWindows()
    {
        var now = clock.GetUtcNow();
        var changed = false;
        foreach (var (key, plan) in _plans.ToArray())
        {
            var earlyDays = plan.Window.EarlyDays(now);
            if (earlyDays == plan.NoveltyEarlyDays) continue;
            _plans[key] = plan with { NoveltyEarlyDays = earlyDays };
            changed = true;
        }
        return changed;
    }

    private async Task<MetricDefinition[]> LoadMetricsAsync(MetricBinding[] bindings)
    {
        var registry = grains.GetGrain<IMetricRegistryGrain>(0);
        var metrics = await Task.WhenAll(bindings.Select(b => registry.Get(b.MetricKey)));
        return metrics.OfType<MetricDefinition>().ToArray();
    }
}
