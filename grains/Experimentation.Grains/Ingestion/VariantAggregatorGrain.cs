using Experimentation.Statistics;
using Experimentation.GrainInterfaces.Aggregation;
using Microsoft.Extensions.Options;

namespace Experimentation.Grains.Ingestion;

/// <summary>
/// Sums the latest partial of every user shard for one (experiment, variant). Nothing here is durable: the shards'
/// state is, so a new activation pulls every shard's current partial, and pushes keep it live from then on.
/// </summary>
public sealed class VariantAggregatorGrain(IOptions<IngestionOptions> options) : Grain, IVariantAggregatorGrain
{
    private VariantPartial?[] _partials = [];
    private VariantStatistics? _sum;
    private string _experiment = "";
    private string _variant = "";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.IndexOf('/');
        (_experiment, _variant) = (key[..slash], key[(slash + 1)..]);
        _partials = new VariantPartial?[options.Value.Shards];
        var pulled = await Task.WhenAll(Enumerable.Range(0, _partials.Length)
            .Select(s => GrainFactory.GetGrain<IUserShardGrain>(s).GetPartial(_experiment, _variant)));
        for (var s = 0; s < pulled.Length; s++) Replace(s, pulled[s]);
        await base.OnActivateAsync(cancellationToken);
    }

    public Task Update(int shard, VariantPartial partial)
    {
        if (shard >= 0 && shard < _partials.Length) Replace(shard, partial);
        return Task.CompletedTask;
    }

    public Task<VariantStatistics> Get() => Task.FromResult(_sum ??= Sum());

    public async Task<PairedSums> GetQuantileClusters(string metric, int threshold)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, _partials.Length)
            .Select(s => GrainFactory.GetGrain<IUserShardGrain>(s).GetQuantileClusters(_experiment, _variant, metric, threshold)));
        return shards.Aggregate(default(PairedSums), (a, b) => a + b);
    }

    private void Replace(int shard, VariantPartial partial)
    {
        // Versions only grow, so an older partial arriving late (a pull racing a push) is ignored.
        if (_partials[shard] is { } held && held.Version > partial.Version) return;
        _partials[shard] = partial;
        _sum = null;
    }

    private VariantStatistics Sum()
    {
        var exposures = new SortedDictionary<DateOnly, long>();
        var sums = new SortedDictionary<string, MetricSums>(StringComparer.Ordinal);
        var novelty = new Dictionary<string, PairedSums>(StringComparer.Ordinal);
        var cuped = new Dictionary<string, PairedSums>(StringComparer.Ordinal);
        var ratioCuped = new Dictionary<string, PairedSums[]>(StringComparer.Ordinal);
        var sketches = new Dictionary<string, List<DaySketch>>(StringComparer.Ordinal);
        int? earlyDays = null;
        var windowsAgree = true;
        DateTimeOffset? asOf = null;
        long version = 0;
        // Shard order is fixed, so the same partials always merge (and rebase their shifts) the same way.
        foreach (var p in _partials)
        {
            if (p is null) continue;
            foreach (var b in p.Exposures) exposures[b.Day] = exposures.GetValueOrDefault(b.Day) + b.Users;
            foreach (var m in p.Metrics)
            {
                sums[m.MetricKey] = sums.GetValueOrDefault(m.MetricKey) + m.Sums;
                novelty[m.MetricKey] = novelty.GetValueOrDefault(m.MetricKey) + m.Novelty;
                cuped[m.MetricKey] = cuped.GetValueOrDefault(m.MetricKey) + m.Cuped;
                if (m.RatioCuped is { } pairs) ratioCuped[m.MetricKey] = RatioCupedPairs.Merge(ratioCuped.GetValueOrDefault(m.MetricKey), pairs);
                if (m.Sketches is { } days)
                {
                    if (!sketches.TryGetValue(m.MetricKey, out var list)) sketches[m.MetricKey] = list = [];
                    list.AddRange(days);
                }
            }
            if (p.NoveltyEarlyDays != 0)
            {
                windowsAgree &= earlyDays is null || earlyDays == p.NoveltyEarlyDays;
                earlyDays ??= p.NoveltyEarlyDays;
            }
            if (p.AsOf > asOf || asOf is null) asOf = p.AsOf ?? asOf;
            version += p.Version;
        }
        return new VariantStatistics(_experiment, _variant,
            exposures.Select(e => new ExposureBucket(e.Key, e.Value)).ToArray(),
            sums.Select(s => new MetricTotals(s.Key, s.Value, novelty[s.Key], cuped[s.Key], MergeDays(sketches.GetValueOrDefault(s.Key)),
                ratioCuped.GetValueOrDefault(s.Key))).ToArray(),
            windowsAgree ? earlyDays ?? 0 : 0,
            asOf,
            version);
    }

    // The shards' sketches of one metric, merged per day: adding counts is exact, so the merge order does not matter.
    private static DaySketch[]? MergeDays(List<DaySketch>? days) => days?.GroupBy(d => d.Day).OrderBy(g => g.Key)
        .Select(g =>
        {
            var merged = QuantileSketch.Merge(g.Select(d => (d.Indexes, d.Counts, d.Zeros)).ToArray());
            return new DaySketch(g.Key, merged.Indexes, merged.Counts, merged.Zeros);
        }).ToArray();
}
