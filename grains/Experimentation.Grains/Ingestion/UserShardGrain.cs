using Experimentation.Assignment;
using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.GrainInterfaces.Events;
using Experimentation.Grains.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Experimentation.Grains.Ingestion;

/// <summary>
/// One user shard: the single writer of its users' raw events. Concurrent batches are group-committed: while one
/// PostgreSQL transaction runs, new calls queue, and the next transaction takes them all. Only the events the insert
/// reports as new are folded, in log order, after the commit; then the changed partials are pushed to the aggregators.
/// </summary>
/// <remarks>
/// Log plus snapshot (docs/ingestion.md): the in-memory state is snapshotted every few seconds with the sequence it
/// covers, and activation loads the snapshot and replays the log after it. Reentrant so that calls can queue during a
/// commit; state is only changed by the one commit loop, between awaits.
/// The stream path runs the same code: the shard implicitly subscribes to its stream in
/// <see cref="IngestionStreams.Namespace"/>, and a redelivered batch is deduplicated by the same insert.
/// </remarks>
[Reentrant]
[ImplicitStreamSubscription(IngestionStreams.Namespace)]
public sealed class UserShardGrain(RawEventStore store, IOptions<IngestionOptions> options, TimeProvider clock,
    ILogger<UserShardGrain> logger) : Grain, IUserShardGrain, IStreamSubscriptionObserver
{
    // An hour of deltas at the default interval; recovery reads them all in one query.
    private const int MaxDeltas = 360;

    // How long a previous owner's commit may hold the lease before its session is ended: commits take milliseconds,
    // and a graceful hand-off finishes its last one well within this.
    private static readonly TimeSpan LeasePatience = TimeSpan.FromSeconds(2);

    private readonly List<PendingBatch> _pending = [];
    private ExperimentPlans _plans = null!;
    private ShardState _state = null!;
    private bool _running;
    private Task _loop = Task.CompletedTask;
    private long _epoch;
    private bool _broken;
    private bool _pushAll = true;
    private bool _noveltyWindowsMoved;
    private long _snapshotSeq;
    private DateTimeOffset _lastSnapshot;
    private bool _hasFullSnapshot;
    private int _deltas;
    private long _deltaUsers;

    private int Shard => (int)this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _plans = new ExperimentPlans(GrainFactory, clock);
        _state = new ShardState(_plans.Loaded);
        // The lease comes first: it waits out a commit of a previous owner still under way, so that commit is in the
        // log read below, and no later commit of that owner can land (Sql/21-shards.sql).
        (_epoch, var terminated) = await store.TakeLeaseAsync(Shard, $"{RuntimeIdentity} {this.GetGrainId()}", LeasePatience, cancellationToken);
        if (terminated > 0)
            logger.LogWarning("Shard {Shard} took its lease from a previous owner frozen mid-commit; {Count} stale sessions terminated", Shard, terminated);
        if (await store.LoadSnapshotAsync(Shard, cancellationToken) is { } snapshot)
        {
            var deltas = snapshot.Deltas.Select(d => ShardSnapshotCodec.Read(d.State)).ToArray();
            var facts = ShardSnapshotCodec.Merge(ShardSnapshotCodec.Read(snapshot.Full), deltas);
            await _plans.EnsureAsync(facts.Users.SelectMany(u => u.User.Exposures).Select(x => x.Experiment).Append(GlobalHoldout.ExperimentKey));
            ShardSnapshotCodec.Decode(_state, facts);
            _snapshotSeq = facts.LastSeq;
            _hasFullSnapshot = true;
            _deltas = deltas.Length;
            _deltaUsers = deltas.Sum(d => (long)d.Users.Count);
        }

        var replay = new List<RawEvent>();
        await foreach (var e in store.ReadAfterAsync(Shard, _state.LastSeq, cancellationToken)) replay.Add(e);
        await _plans.EnsureAsync(replay.Where(e => e.Kind == RawEventKind.Exposure).Select(e => e.Experiment!).Append(GlobalHoldout.ExperimentKey));
        foreach (var e in replay) _state.Apply(e);
        _lastSnapshot = clock.GetUtcNow();
        logger.LogInformation("Shard {Shard} recovered to sequence {Seq}: {Users} users, {Replayed} events replayed",
            Shard, _state.LastSeq, _state.Users.Count, replay.Count);

        // The first tick pushes every partial: events committed just before a crash may never have been pushed.
        this.RegisterGrainTimer(Tick, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        await base.OnActivateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A graceful stop (silo shutdown, rebalancing) hands off: the batches already queued are committed and answered,
        // then a snapshot spares the next activation the replay. The loop ends once nothing is pending.
        while (_running && !cancellationToken.IsCancellationRequested) await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        // _state is null when activation itself failed (for example PostgreSQL was unreachable).
        if (_state is not null && !_broken && _pending.Count == 0 && !_running && _state.LastSeq != _snapshotSeq) await SnapshotAsync();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public Task<ShardIngestResult> Ingest(IngestEvent[] events)
    {
        if (_broken) throw new InvalidOperationException($"Shard {Shard} is recovering after a storage error; retry the batch.");
        var batch = new PendingBatch(events);
        _pending.Add(batch);
        StartLoop();
        return batch.Completion.Task;
    }

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<IngestEvent[]>().ResumeAsync((batch, _) => IngestFromStreamAsync(batch));

    // A stream cannot refuse a batch back to its publisher, so invalid events (and events of other shards' users) are
    // dropped and logged; the valid rest goes through the same commit as an HTTP batch.
    private async Task IngestFromStreamAsync(IngestEvent[] batch)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        var errors = EventValidator.Validate(batch, settings.EarliestAccepted(now), now + EventLimits.MaxFutureSkew);
        var bad = errors.Select(e => e.Index).ToHashSet();
        var valid = batch.Where((e, i) => !bad.Contains(i) && UserShards.Of(e.UserId, settings.Shards) == Shard).ToArray();
        if (valid.Length < batch.Length)
            logger.LogWarning("Shard {Shard} dropped {Count} streamed events that were invalid or not its users'; first error: {Error}",
                Shard, batch.Length - valid.Length, errors.FirstOrDefault()?.Path);
        if (valid.Length > 0) await Ingest(valid);
    }

    public Task<VariantPartial> GetPartial(string experiment, string variant) =>
        Task.FromResult(_state.PartialOf(experiment, variant));

    public Task<PairedSums> GetQuantileClusters(string experiment, string variant, string metric, int threshold) =>
        Task.FromResult(_state.QuantileClusters(experiment, variant, metric, threshold));

    public Task<(long Version, MismatchCounts Counts)> GetMismatches(string experiment) =>
        Task.FromResult((_state.LastSeq, _state.Mismatches.GetValueOrDefault(experiment)));

    private Task Tick(CancellationToken ct)
    {
        // A growing window crosses into a longer early window E about every five days; the loop refolds.
        if (_plans.AdvanceNoveltyWindows()) _noveltyWindowsMoved = true;
        if (_pushAll || _noveltyWindowsMoved || SnapshotDue) StartLoop();
        return Task.CompletedTask;
    }

    private bool SnapshotDue =>
        _state.LastSeq != _snapshotSeq && clock.GetUtcNow() - _lastSnapshot >= options.Value.SnapshotInterval;

    private void StartLoop()
    {
        if (_running || _broken) return;
        _running = true;
        _loop = RunLoop();
    }

    private async Task RunLoop()
    {
        try
        {
            while (!_broken)
            {
                if (_pending.Count > 0)
                {
                    var batches = _pending.ToArray();
                    _pending.Clear();
                    await CommitAsync(batches);
                }
                else if (_noveltyWindowsMoved)
                {
                    _noveltyWindowsMoved = false;
                    _state.SyncNoveltyWindows();
                    var (variants, mismatches) = _state.TakeDirty();
                    await PushAsync(variants, mismatches);
                }
                else if (_pushAll)
                {
                    _pushAll = false;
                    await PushAsync(_state.Variants.Select(v => v.Key).ToArray(), _state.Mismatches.Keys.ToArray());
                }
                else if (SnapshotDue) await SnapshotAsync();
                else break;
            }
        }
        finally
        {
            _running = false;
        }
    }

    private async Task CommitAsync(PendingBatch[] batches)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var exposures = batches.SelectMany(b => b.Events).Where(e => e.Kind == EventKind.Exposure).Select(e => e.Experiment!);
            // The holdout analysis' plan too: every exposure may count a user in its comparison group.
            await _plans.RefreshAsync(exposures.Append(GlobalHoldout.ExperimentKey));
            // A refreshed plan carries E as of now; fold the new events with the window the others have.
            _state.SyncNoveltyWindows();

            var receivedAt = Microseconds(clock.GetUtcNow());
            var rows = new List<RawEvent>();
            var owners = new List<PendingBatch>();
            var seen = new HashSet<Guid>();
            foreach (var batch in batches)
            {
                foreach (var e in batch.Events)
                {
                    if (!seen.Add(e.EventId))
                    {
                        batch.Duplicates++;
                        continue;
                    }
                    rows.Add(new RawEvent(e.EventId, _state.LastSeq + rows.Count + 1, Classify(e), e.UserId,
                        Microseconds(e.Timestamp), e.Experiment, e.Variant, e.EventType, e.Value, receivedAt));
                    owners.Add(batch);
                }
            }

            await store.EnsurePartitionsAsync(rows.Select(r => DateOnly.FromDateTime(r.OccurredAt.UtcDateTime)));
            var inserted = await store.InsertAsync(Shard, _epoch, rows, receivedAt);

            for (var i = 0; i < rows.Count; i++)
            {
                if (inserted.Contains(rows[i].EventId))
                {
                    _state.Apply(rows[i]);
                    owners[i].Accepted++;
                    if (rows[i].Kind is RawEventKind.ExposureNotRunning or RawEventKind.ExposureUnknownVariant)
                        DomainMeters.EventsMismatched.Add(1, new KeyValuePair<string, object?>("reason",
                            rows[i].Kind == RawEventKind.ExposureNotRunning ? "not_running" : "unknown_variant"));
                }
                else owners[i].Duplicates++;
            }
            var accepted = batches.Sum(b => b.Accepted);
            DomainMeters.EventsAccepted.Add(accepted);
            DomainMeters.EventsDuplicate.Add(batches.Sum(b => (long)b.Duplicates));
            DomainMeters.ShardCommitBatchSize.Record(batches.Sum(b => (long)b.Events.Length));
            DomainMeters.ShardCommitDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (ShardLeaseLostException ex)
        {
            // Nothing was written: another activation owns the shard now (this silo was presumed dead). Its callers
            // retry and reach the new owner; this activation must never write again.
            logger.LogWarning("Shard {Shard} lost its lease and stops: {Reason}", Shard, ex.Message);
            Fail(batches, ex);
            return;
        }
        catch (Exception ex)
        {
            // Whether the transaction committed is unknown, so the in-memory fold may miss committed events. Refuse
            // everything, let the callers retry, and rebuild from the log in a fresh activation.
            logger.LogError(ex, "Shard {Shard} failed to commit {Batches} batches; deactivating to recover from the log", Shard, batches.Length);
            Fail(batches, ex);
            return;
        }

        foreach (var b in batches) b.Completion.TrySetResult(new ShardIngestResult(b.Accepted, b.Duplicates));
        var (variants, mismatches) = _state.TakeDirty();
        await PushAsync(variants, mismatches);
        if (SnapshotDue) await SnapshotAsync();
    }

    private void Fail(PendingBatch[] batches, Exception ex)
    {
        _broken = true;
        // Driver exceptions do not cross the Orleans wire (no codec); the caller needs the reason, not the type.
        var failure = new InvalidOperationException($"Shard {Shard} could not commit the batch: {ex.Message}");
        foreach (var b in batches.Concat(_pending)) b.Completion.TrySetException(failure);
        _pending.Clear();
        DeactivateOnIdle();
    }

    private RawEventKind Classify(IngestEvent e)
    {
        if (e.Kind == EventKind.Metric) return RawEventKind.Metric;
        if (!_plans.Loaded.TryGetValue(e.Experiment!, out var plan) || !plan.IsRunning) return RawEventKind.ExposureNotRunning;
        return plan.Variants.Contains(e.Variant!) ? RawEventKind.Exposure : RawEventKind.ExposureUnknownVariant;
    }

    private async Task PushAsync((string Experiment, string Variant)[] variants, string[] mismatches)
    {
        if (variants.Length == 0 && mismatches.Length == 0) return;
        var calls = variants
            .Select(v => GrainFactory.GetGrain<IVariantAggregatorGrain>(IVariantAggregatorGrain.KeyOf(v.Experiment, v.Variant))
                .Update(Shard, _state.PartialOf(v.Experiment, v.Variant)))
            .Concat(mismatches.Select(m => GrainFactory.GetGrain<IExposureMismatchGrain>(m)
                .Update(Shard, _state.LastSeq, _state.Mismatches.GetValueOrDefault(m))));
        try
        {
            await Task.WhenAll(calls);
        }
        catch (Exception ex)
        {
            // Partials are replacements, so pushing everything again later repairs whatever this push missed.
            logger.LogWarning(ex, "Shard {Shard} could not push its partials; retrying on the next tick", Shard);
            _pushAll = true;
        }
    }

    // Incremental: a delta holds only the users changed since the previous snapshot, so a snapshot costs what changed,
    // not the whole shard (a full rewrite of 250k users is 38 MB, every interval, on the grain's thread). A full one
    // is written first, and again once the deltas since it hold more user records than the shard has users or number
    // MaxDeltas: that bounds the recovery's reading to twice the shard and the writing to twice what changed.
    private async Task SnapshotAsync()
    {
        var seq = _state.LastSeq;
        try
        {
            var changed = _state.ChangedUsers.Count;
            var delta = _hasFullSnapshot && _deltas < MaxDeltas && _deltaUsers + changed <= _state.Users.Count;
            if (delta && await store.SaveSnapshotDeltaAsync(Shard, seq, ShardSnapshotCodec.EncodeChanges(_state)))
            {
                _deltas++;
                _deltaUsers += changed;
            }
            else
            {
                await store.SaveSnapshotAsync(Shard, seq, ShardSnapshotCodec.Encode(_state));
                _hasFullSnapshot = true;
                _deltas = 0;
                _deltaUsers = 0;
            }
            _state.ForgetChangedUsers();
            _snapshotSeq = seq;
        }
        catch (Exception ex)
        {
            // A missed snapshot only makes the next recovery replay more of the log.
            logger.LogWarning(ex, "Shard {Shard} could not save its snapshot at sequence {Seq}", Shard, seq);
        }
        _lastSnapshot = clock.GetUtcNow();
    }

    // PostgreSQL keeps microseconds; folding the same truncated values live and on replay keeps the fold deterministic.
    private static DateTimeOffset Microseconds(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);
}
