using Experimentation.GrainInterfaces.Aggregation;

namespace Experimentation.Grains.Ingestion;

/// <summary>
/// The deterministic fold of one shard's raw event log: users, their exposures and events, the per-variant sums and
/// the mismatch counts. The same log in the same order always gives the same state, which is what makes
/// "snapshot plus replay of the log after it" exactly once.
/// </summary>
/// <remarks>Every experiment referenced by a folded event must have its plan in <c>plans</c> first.</remarks>
public sealed class ShardState(IReadOnlyDictionary<string, ExperimentPlan> plans)
{
    private readonly Dictionary<string, string> _eventTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Experiment, string Variant), VariantAccumulator> _variants = [];
    private readonly HashSet<(string Experiment, string Variant)> _dirtyVariants = [];
    private readonly HashSet<string> _dirtyMismatches = new(StringComparer.Ordinal);

    /// <summary>The highest log sequence number folded in.</summary>
    public long LastSeq { get; private set; }

    public Dictionary<string, UserRecord> Users { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, MismatchCounts> Mismatches { get; } = new(StringComparer.Ordinal);

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
        _variants.TryGetValue((experiment, variant), out var acc) ? acc.ToPartial(LastSeq) : VariantPartial.Empty with { Version = LastSeq };

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
    }

    private void Rebuild()
    {
        _variants.Clear();
        foreach (var user in Users.Values)
            foreach (var x in user.Exposures)
                AddUser(x, user, +1);
    }

    private void ApplyMetric(string userId, string eventType, long at, double value, DateTimeOffset receivedAt)
    {
        var user = UserOf(userId);
        eventType = Intern(eventType);
        List<(UserExposure X, GrainInterfaces.Metrics.MetricDefinition Metric, MetricSums Old)>? affected = null;
        foreach (var x in user.Exposures)
        {
            if (at < x.FirstAtTicks) continue;
            foreach (var metric in MetricsOf(x.Experiment))
            {
                if (!MetricContribution.Uses(metric, eventType)) continue;
                (affected ??= []).Add((x, metric, MetricContribution.Of(metric, user, x.FirstAtTicks)));
            }
        }
        user.Events.Add(new UserMetricEvent(eventType, at, value));
        if (affected is null) return;

        foreach (var (x, metric, old) in affected)
        {
            var now = MetricContribution.Of(metric, user, x.FirstAtTicks);
            var acc = Touch(x.Experiment, x.Variant, receivedAt);
            acc.AddMetric(metric.Key, x.Day, old, subtract: true);
            acc.AddMetric(metric.Key, x.Day, now);
        }
    }

    private void ApplyExposure(string userId, string experiment, string variant, long at, DateTimeOffset receivedAt)
    {
        var user = UserOf(userId);
        var x = user.ExposureTo(experiment);
        if (x is null)
        {
            x = new UserExposure(experiment, variant, at);
            user.Exposures.Add(x);
            AddUser(x, user, +1);
            Touch(experiment, variant, receivedAt);
        }
        else if (x.Variant != variant)
        {
            // Only the first variant a user saw is analysed; a second one means the integration is broken.
            CountMismatch(experiment, new MismatchCounts(0, 0, 1));
        }
        else if (at < x.FirstAtTicks)
        {
            // An earlier exposure arrived late: the user's window now starts earlier, so refold them.
            AddUser(x, user, -1);
            x.FirstAtTicks = at;
            AddUser(x, user, +1);
            Touch(experiment, variant, receivedAt);
        }
    }

    private void AddUser(UserExposure x, UserRecord user, int sign)
    {
        var acc = Accumulator(x.Experiment, x.Variant);
        var day = x.Day;
        acc.AddExposed(day, sign);
        foreach (var metric in MetricsOf(x.Experiment))
            acc.AddMetric(metric.Key, day, MetricContribution.Of(metric, user, x.FirstAtTicks), subtract: sign < 0);
    }

    private GrainInterfaces.Metrics.MetricDefinition[] MetricsOf(string experiment) =>
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

    private UserRecord UserOf(string userId)
    {
        if (!Users.TryGetValue(userId, out var user)) Users[userId] = user = new UserRecord();
        return user;
    }

    private string Intern(string eventType)
    {
        if (_eventTypes.TryGetValue(eventType, out var interned)) return interned;
        _eventTypes[eventType] = eventType;
        return eventType;
    }
}
