using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.GrainInterfaces.Namespaces;
using Experimentation.Grains.Experiments.Checks;
using Experimentation.Statistics;
using Marten;

namespace Experimentation.Grains.Experiments;

/// <summary>The experiment grain's pre-launch checks: it gathers their inputs, and <see cref="PreLaunchChecks"/> decides.</summary>
public sealed partial class ExperimentGrain
{
    // How many recently started experiments are searched for the primary metric's recent data, and how many of those
    // that measured it are read (each read activates a variant aggregator, which asks every user shard).
    private const int RecentExperimentsSearched = 50, RecentExperimentsRead = 3;

    public async Task<PreLaunchCheck[]?> GetChecks() => _state is { } state ? await RunChecks(state.Definition) : null;

    private async Task<PreLaunchCheck[]> RunChecks(ExperimentDefinition d)
    {
        var primary = d.Metrics.FirstOrDefault(m => m.Role == MetricRole.Primary);
        var metric = primary is null ? null : await GrainFactory.GetGrain<IMetricRegistryGrain>(0).Get(primary.MetricKey);
        // The author's inputs win; recent data is only looked for without them.
        var recent = metric is null || d.Power?.Baseline is not null ? null : await RecentBaselineOf(metric);
        var ns = d.Namespace is { } claim ? await GrainFactory.GetGrain<INamespaceGrain>(claim.Key).Get() : null;
        return PreLaunchChecks.Run(new PreLaunchInputs(Key, d, metric, recent, ns));
    }

    // The metric's recent data: the control arm of the most recently started other experiment that measured it on
    // enough users. A control arm is the status quo's population, which is what a new experiment's control will be.
    private async Task<RecentBaseline?> RecentBaselineOf(MetricDefinition metric)
    {
        if (metric.Type is not (MetricType.Conversion or MetricType.Mean)) return null;
        IReadOnlyList<Experiment> started;
        await using (var session = store.QuerySession())
            started = await session.Query<Experiment>().Where(x => x.StartedAt != null && x.Id != Key)
                .OrderByDescending(x => x.StartedAt).Take(RecentExperimentsSearched).ToListAsync();
        var measured = started.Where(x => x.Definition.Metrics.Any(m => m.MetricKey == metric.Key)).Take(RecentExperimentsRead);
        foreach (var experiment in measured)
        {
            var control = experiment.Definition.Variants.Single(v => v.IsControl).Key;
            var statistics = await GrainFactory.GetGrain<IVariantAggregatorGrain>(IVariantAggregatorGrain.KeyOf(experiment.Id, control)).Get();
            var sums = statistics.Total(metric.Key);
            if (sums.Count < RecentBaseline.MinimumUsers) continue;
            if (metric.Type == MetricType.Conversion)
            {
                double rate = (double)sums.Conversions / sums.Count;
                return new RecentBaseline(experiment.Id, sums.Count, rate, Math.Sqrt(rate * (1 - rate)));
            }
            var values = sums.Values.Fold();
            var sample = SampleMean.FromShiftedSums(values.Count, values.ShiftX, values.SumX, values.SumXX);
            return new RecentBaseline(experiment.Id, sums.Count, sample.Mean, sample.StandardDeviation);
        }
        return null;
    }
}
