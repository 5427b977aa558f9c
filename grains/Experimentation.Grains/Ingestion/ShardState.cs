using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.Assignment;
using Experimentation.GrainInterfaces.Metrics;

namespace Experimentation.Grains.Ingestion;

/// <summary>
/// The deterministic fold of one shard's raw event log: users, their exposures and events, the per-variant sums and
/// the mismatch counts. The same log in the same order always gives the same state, which is what makes
/// "snapshot plus replay of the log after it" exactly once.
/// </summary>
/// <remarks>
/// Every experiment referenced by a folded event must have its plan in <c>plans</c> first. The novelty moments of an
/// experiment are folded with one early window E for all its users: the plan's E when the experiment is first folded,
/// until <see cref="SyncNoveltyWindows"/> refolds them with a newer one.
/// </remarks>
public sealed class ShardState(IReadOnlyDictionary<string, ExperimentPlan> plans)
{
    private readonly Dictionary<string, string> _eventTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Experiment, string Variant), VariantAccumulator> _variants = [];
    private readonly HashSet<(string Experiment, string Variant)> _dirtyVariants = [];
    private readonly HashSet<string> _dirtyMismatches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _earlyDays = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changedUserSet = new(StringComparer.Ordinal);
    private readonly List<string> _changedUsers = [];

    /// <summary>The highest log sequence number folded in.</summary>
    public long LastSeq { get; private set; }

    public Dictionary<string, UserRecord> Users { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, MismatchCounts> Mismatches { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Users whose facts (exposures, events) changed since <see cref="ForgetChangedUsers"/>, in the order of their
    /// first change, which for new users is the order of <see cref="Users"/>: what a delta snapshot writes.
    /// </summary>
    public IReadOnlyList<string> ChangedUsers => _changedUsers;

    /// <summary>Called once a snapshot that holds every changed user is stored.</summary>
    public void ForgetChangedUsers()
    {
        _changedUserSet.Clear();
        _changedUsers.Clear();
    }

    /// <summary>Every experiment the state refers to, so a restorer can load their plans before folding.</summary>
    public IEnumerable<string> Experiments =>
        Users.Values.SelectMany(u => u.Exposures).Select(x => x.Experiment).Concat(Mismatches.Keys).Distinct();

    public IEnumerable<KeyValuePair<(string Experiment, string Variant), VariantAccumulator>> Variants => _variants;

    public void Apply(RawEvent e)
    {
        LastSeq = Math.Max(LastSeq, e.Seq);
        switch (e.Kind)
        {
            case RawEventKind.Metric:
                ApplyMetric(e.UserId, e.EventType!, e.OccurredAt.UtcTicks, e.Value!.Value, e.ReceivedAt);
                break;
            case RawEventKind.Exposure:
                ApplyExposure(e.UserId, e.Experiment!, e.Variant!, e.OccurredAt.UtcTicks, e.ReceivedAt);
                break;
            case RawEventKind.ExposureNotRunning:
                CountMismatch(e.Experiment!, new MismatchCounts(1, 0, 0));
                break;
            case RawEventKind.ExposureUnknownVariant:
                CountMismatch(e.Experiment!, new MismatchCounts(0, 1, 0));
                break;
        }
    }

    /// <summary>The shard's partial for a variant, versioned by <see cref="LastSeq"/>.</summary>
    public VariantPartial PartialOf(string experiment, string variant) =>
        _variants.TryGetValue((experiment, variant), out var acc)
            ? acc.ToPartial(LastSeq, _earlyDays.GetValueOrDefault(experiment))
            : VariantPartial.Empty with { Version = LastSeq };

    /// <summary>
    /// Per user of the variant (S, N): their post-exposure events of an event-level percentile metric whose bucket is at
    /// or below <paramref name="threshold"/>, and all of them. Every exposed user is a cluster, (0, 0) without events.
    /// </summary>
    public PairedSums QuantileClusters(string experiment, string variant, string metricKey, int threshold)
    {
        var metric = Array.Find(MetricsOf(experiment), m => m.Key == metricKey);
        if (metric is null || metric.Type != MetricType.Percentile) return default;
        var sums = default(PairedSums);
        foreach (var user in Users.Values)
        {
            if (user.ExposureTo(experiment) is not { } x || x.Variant != variant) continue;
            long below = 0, count = 0;
            foreach (var e in user.Events)
            {
                if (e.AtTicks < x.FirstAtTicks || e.EventType != metric.EventType) continue;
                count++;
                if (Statistics.LogBuckets.IndexOf(e.Value) <= threshold) below++;
            }
            sums += PairedSums.Of(below, count);
        }
        return sums;
    }

    /// <summary>The early window E an experiment's novelty moments are folded with; 0 before any of its users.</summary>
    public int NoveltyEarlyDaysOf(string experiment) => _earlyDays.GetValueOrDefault(experiment);

    /// <summary>
    /// Refolds the novelty moments of every experiment whose plan now has another E (its window grew), user by user
    /// with subtract-and-re-add, and marks its variants dirty. Returns the experiments refolded.
    /// </summary>
    public string[] SyncNoveltyWindows()
    {
        var changed = _earlyDays
            .Where(e => plans.TryGetValue(e.Key, out var plan) && plan.NoveltyEarlyDays != e.Value)
            .Select(e => e.Key).ToArray();
        foreach (var experiment in changed) RefoldNovelty(experiment, _earlyDays[experiment], plans[experiment].NoveltyEarlyDays);
        return changed;
    }

    /// <summary>The variants and experiments changed since the last call, whose partials are to be pushed.</summary>
    public ((string Experiment, string Variant)[] Variants, string[] Mismatches) TakeDirty()
    {
        var dirty = (_dirtyVariants.ToArray(), _dirtyMismatches.ToArray());
        _dirtyVariants.Clear();
        _dirtyMismatches.Clear();
        return dirty;
    }

    /// <summary>Restores a snapshot's facts; <see cref="Rebuild"/> then derives the sums from them.</summary>
    public void Restore(long lastSeq, IEnumerable<(string UserId, UserRecord User)> users, IEnumerable<(string Experiment, MismatchCounts Counts)> mismatches,
        IEnumerable<(string Experiment, string Variant, DateTimeOffset AsOf)> asOf)
    {
        LastSeq = lastSeq;
        foreach (var (id, user) in users)
        {
            for (var i = 0; i < user.Events.Count; i++)
                user.Events[i] = user.Events[i] with { EventType = Intern(user.Events[i].EventType) };
            Users[id] = user;
        }
        foreach (var (experiment, counts) in mismatches) Mismatches[experiment] = counts;
        Rebuild();
        foreach (var (experiment, variant, at) in asOf) Accumulator(experiment, variant).AsOf = at;
        _dirtyVariants.Clear();
        _dirtyMismatches.Clear();
        ForgetChangedUsers();
    }

    private void Rebuild()
    {
        _variants.Clear();
        _earlyDays.Clear();
        foreach (var user in Users.Values)
            foreach (var x in user.Exposures)
                AddUser(x, user, +1);
    }

    private void ApplyMetric(string userId, string eventType, long at, double value, DateTimeOffset receivedAt)
    {
        var user = UserOf(userId);
        eventType = Intern(eventType);
        List<(UserExposure X, MetricDefinition Metric, int EarlyDays, int PreDays, UserContribution Old)>? affected = null;
        foreach (var x in user.Exposures)
        {
            // An event before the exposure changes only the CUPED covariate, and only inside the pre-period.
            var preDays = CupedPreDaysOf(x.Experiment);
            var pre = MetricContribution.IsPrePeriod(at, x.FirstAtTicks, preDays);
            if (at < x.FirstAtTicks && !pre) continue;
            var earlyDays = EarlyDaysOf(x.Experiment);
            foreach (var metric in MetricsOf(x.Experiment))
            {
                if (!MetricContribution.Uses(metric, eventType) || (pre && !metric.UsesPrePeriod())) continue;
                (affected ??= []).Add((x, metric, earlyDays, preDays, MetricContribution.Of(metric, user, x.FirstAtTicks, earlyDays, preDays)));
            }
        }
        user.Events.Add(new UserMetricEvent(eventType, at, value));
        if (affected is null) return;

        foreach (var (x, metric, earlyDays, preDays, old) in affected)
        {
            var acc = Touch(x.Experiment, x.Variant, receivedAt);
            acc.Subtract(metric.Key, old);
            acc.Add(metric.Key, MetricContribution.Of(metric, user, x.FirstAtTicks, earlyDays, preDays));
        }
    }

    // Every exposure to an experiment also counts the user in the global holdout's comparison group, from their first
    // exposure to any experiment at or after the holdout analysis started (a time fixed once it runs, so a replay
    // counts the same users). A held-out user is logged by the SDK to the holdout's own variant instead.
    private void ApplyExposure(string userId, string experiment, string variant, long at, DateTimeOffset receivedAt)
    {
        Expose(userId, experiment, variant, at, receivedAt);
        if (experiment == GlobalHoldout.ExperimentKey || !plans.TryGetValue(GlobalHoldout.ExperimentKey, out var holdout)) return;
        if (holdout.Window.Start is not { } start || at < start.UtcTicks || !holdout.Variants.Contains(GlobalHoldout.ExposedVariant)) return;
        Expose(userId, GlobalHoldout.ExperimentKey, GlobalHoldout.ExposedVariant, at, receivedAt);
    }

    private void Expose(string userId, string experiment, string variant, long at, DateTimeOffset receivedAt)
    {
        var user = UserOf(userId);
        var index = user.Exposures.Count - 1;
        while (index >= 0 && user.Exposures[index].Experiment != experiment) index--;
        if (index < 0)
        {
            var first = new UserExposure(experiment, variant, at);
            user.Exposures.Add(first);
            AddUser(first, user, +1);
            Touch(experiment, variant, receivedAt);
            return;
        }

        // The earliest exposure by timestamp decides the variant; on a tie the first to arrive keeps it, so the
        // result depends on the log order only. Another variant means the integration is broken: whichever exposure
        // loses is counted as the mismatch.
        var current = user.Exposures[index];
        if (current.Variant != variant) CountMismatch(experiment, new MismatchCounts(0, 0, 1));
        if (at >= current.FirstAtTicks) return;

        // An earlier exposure arrived late: the user's window starts earlier (and may move to its variant), so refold them.
        AddUser(current, user, -1);
        Touch(experiment, current.Variant, receivedAt);
        var earliest = new UserExposure(experiment, variant, at);
        user.Exposures[index] = earliest;
        AddUser(earliest, user, +1);
        Touch(experiment, variant, receivedAt);
    }

    private void AddUser(UserExposure x, UserRecord user, int sign)
    {
        var acc = Accumulator(x.Experiment, x.Variant);
        acc.AddExposed(x.Day, sign);
        var earlyDays = EarlyDaysOf(x.Experiment);
        var preDays = CupedPreDaysOf(x.Experiment);
        foreach (var metric in MetricsOf(x.Experiment))
        {
            var contribution = MetricContribution.Of(metric, user, x.FirstAtTicks, earlyDays, preDays);
            if (sign > 0) acc.Add(metric.Key, contribution);
            else acc.Subtract(metric.Key, contribution);
        }
    }

    private void RefoldNovelty(string experiment, int from, int to)
    {
        _earlyDays[experiment] = to;
        var metrics = MetricsOf(experiment).Where(m => m.HasNoveltyMoments()).ToArray();
        foreach (var user in Users.Values)
        {
            if (user.ExposureTo(experiment) is not { } x) continue;
            var acc = Accumulator(experiment, x.Variant);
            foreach (var metric in metrics)
                acc.ReplaceNovelty(metric.Key, MetricContribution.Of(metric, user, x.FirstAtTicks, from).Novelty,
                    MetricContribution.Of(metric, user, x.FirstAtTicks, to).Novelty);
        }
        foreach (var key in _variants.Keys)
            if (key.Experiment == experiment) _dirtyVariants.Add(key);
    }

    // The plan's E when the experiment is first folded (or refolded from nothing); 1 for an unknown plan.
    private int EarlyDaysOf(string experiment)
    {
        if (_earlyDays.TryGetValue(experiment, out var earlyDays)) return earlyDays;
        earlyDays = plans.TryGetValue(experiment, out var plan) ? plan.NoveltyEarlyDays : 1;
        _earlyDays[experiment] = earlyDays;
        return earlyDays;
    }

    // Fixed once the experiment leaves draft, like its metrics, so a replay folds the same covariates.
    private int CupedPreDaysOf(string experiment) => plans.TryGetValue(experiment, out var plan) ? plan.CupedPreDays : 0;

    private MetricDefinition[] MetricsOf(string experiment) =>
        plans.TryGetValue(experiment, out var plan) ? plan.Metrics : [];

    private void CountMismatch(string experiment, MismatchCounts delta)
    {
        Mismatches[experiment] = Mismatches.GetValueOrDefault(experiment) + delta;
        _dirtyMismatches.Add(experiment);
    }

    private VariantAccumulator Touch(string experiment, string variant, DateTimeOffset receivedAt)
    {
        var acc = Accumulator(experiment, variant);
        if (acc.AsOf is null || receivedAt > acc.AsOf) acc.AsOf = receivedAt;
        _dirtyVariants.Add((experiment, variant));
        return acc;
    }

    private VariantAccumulator Accumulator(string experiment, string variant)
    {
        if (!_variants.TryGetValue((experiment, variant), out var acc))
            _variants[(experiment, variant)] = acc = new VariantAccumulator();
        return acc;
    }

    // Every event that reaches a user may change their facts, so this is where changes are noted: a later exposure that
    // changes nothing marks the user too, and a delta holding an unchanged record is still right.
    private UserRecord UserOf(string userId)
    {
        if (!Users.TryGetValue(userId, out var user)) Users[userId] = user = new UserRecord();
        if (_changedUserSet.Add(userId)) _changedUsers.Add(userId);
        return user;
    }

    private string Intern(string eventType)
    {
        if (_eventTypes.TryGetValue(eventType, out var interned)) return interned;
        _eventTypes[eventType] = eventType;
        return eventType;
    }
}
