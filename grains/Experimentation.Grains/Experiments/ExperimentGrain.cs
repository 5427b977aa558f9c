using Experimentation.GrainInterfaces.Analysis;
using Experimentation.Grains.Alerts;
using Experimentation.GrainInterfaces.Config;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Namespaces;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.GrainInterfaces.Security;
using Experimentation.Grains.Audit;
using Experimentation.Grains.Security;
using Experimentation.Grains.Experiments.Events;
using Experimentation.Grains.Scheduling;
using Marten;
using Microsoft.Extensions.Logging;

namespace Experimentation.Grains.Experiments;

/// <summary>
/// Decides commands for one experiment and appends the resulting events to its Marten stream with the expected
/// version. Orleans runs one command at a time per activation, so concurrent callers never lose an update; a
/// version conflict (another writer, for example a duplicate activation during a partition) reloads and refuses.
/// The definition's startDate and endDate act through one reminder (<see cref="ScheduleReminders"/>).
/// </summary>
public sealed partial class ExperimentGrain(IDocumentStore store, TimeProvider clock, ScheduleReminders schedule, ILogger<ExperimentGrain> logger)
    : Grain, IExperimentGrain, IRemindable
{
    /// <summary>The event metadata header naming who caused an event (<see cref="Actors"/> has the others).</summary>
    public const string ActorHeader = Actors.Actor;

    /// <summary>The actor of what the guardrail automation appends.</summary>
    public const string GuardrailActor = "system:guardrail";

    /// <summary>The actor of what the schedule's reminders append.</summary>
    public const string ScheduleActor = "system:schedule";

    private Experiment? _state;
    private IGrainTimer? _scheduleRepair;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Reload(cancellationToken);
        await KeepScheduleInStep(() => schedule.EnsureAsync(this.GetGrainId(), _state));
        // A running experiment's analysis takes looks on a timer that ended with the previous activation's process.
        if (_state?.Status == ExperimentStatus.Running) GrainFactory.GetGrain<IExperimentAnalysisGrain>(Key).Wake().Ignore();
        await base.OnActivateAsync(cancellationToken);
    }

    public async Task<CommandResult<ExperimentView>> Create(ExperimentDefinition definition)
    {
        if (_state is not null) return Refused(CommandError.Conflict($"An experiment with key '{Key}' already exists."));
        if (ExperimentDefinitionValidator.Validate(Key, definition) is { } malformed) return Refused(malformed);
        // The owner team must be the caller's own: nobody creates work for another team, except the installation admin.
        if (Permissions.TeamWriter(CallerContext.Current, definition.OwnerTeam, $"Creating an experiment owned by '{definition.OwnerTeam}'") is { } forbidden)
            return Refused(forbidden);
        if ((await CheckMetricsExist(definition) ?? await CheckNamespace(definition)) is { } invalid) return Refused(invalid);
        return await Append(new ExperimentCreated(Key, definition, clock.GetUtcNow()));
    }

    public async Task<CommandResult<ExperimentView>> UpdateDraft(ExperimentDefinition definition)
    {
        if (Refusal(LifecycleCommand.Update) is { } refused) return Refused(refused);
        if (ExperimentDefinitionValidator.Validate(Key, definition) is { } malformed) return Refused(malformed);
        if (definition.OwnerTeam != _state!.Definition.OwnerTeam
            && Permissions.TeamWriter(CallerContext.Current, definition.OwnerTeam, $"Giving experiment '{Key}' to team '{definition.OwnerTeam}'") is { } forbidden)
            return Refused(forbidden);
        if ((await CheckMetricsExist(definition) ?? await CheckNamespace(definition)) is { } invalid) return Refused(invalid);
        var at = clock.GetUtcNow();
        // A review approves one definition: changing it in review or after approval makes it a draft again.
        return _state.Status is ExperimentStatus.InReview or ExperimentStatus.Approved
            ? await Append(null, new DraftUpdated(definition, at), new ReviewReset(ExperimentTransitions.Name(_state.Status), at))
            : await Append(new DraftUpdated(definition, at));
    }

    public async Task<CommandResult<ExperimentView>> Start()
    {
        if ((Refusal(LifecycleCommand.Start) ?? await ReviewGate()) is { } refused) return Refused(refused);
        return await ClaimAndStart(collision => Task.FromResult(Refused(collision)));
    }

    // Claim first: a collision appends nothing for a person, who is told why, and appends the reason for a schedule,
    // which has no one to tell. A failed append gives the slots back.
    private async Task<CommandResult<ExperimentView>> ClaimAndStart(Func<CommandError, Task<CommandResult<ExperimentView>>> collided)
    {
        if (_state!.Definition.Namespace is not { } ns) return await Append(new ExperimentStarted(clock.GetUtcNow()));
        var layer = GrainFactory.GetGrain<INamespaceGrain>(ns.Key);
        var claim = await layer.Claim(Key, ns.Slots);
        if (claim.Error is { } collision) return await collided(collision);
        var result = await Append(new ExperimentStarted(clock.GetUtcNow(), claim.Value));
        if (!result.Accepted) await layer.Release(Key);
        return result;
    }

    /// <summary>
    /// A tick of the schedule reminder. Ticks may repeat or come late, so the state decides: it acts only when
    /// something is due, and an action that throws (PostgreSQL down) is tried again at the next tick.
    /// </summary>
    public Task<CommandResult<ExperimentView>> Pause(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > ExperimentDefinitionValidator.MaxTextLength)
            return Task.FromResult(Refused(CommandError.Invalid("reason",
                $"is required, non-blank and at most {ExperimentDefinitionValidator.MaxTextLength} characters")));
        return Refusal(LifecycleCommand.Pause) is { } refused
            ? Task.FromResult(Refused(refused))
            : Append(new ExperimentPaused(reason, clock.GetUtcNow()));
    }

    public Task<CommandResult<ExperimentView>> Resume(string? reason = null)
    {
        if (Refusal(LifecycleCommand.Resume) is { } refused) return Task.FromResult(Refused(refused));
        if (reason is not null && (string.IsNullOrWhiteSpace(reason) || reason.Length > ExperimentDefinitionValidator.MaxTextLength))
            return Task.FromResult(Refused(CommandError.Invalid("reason", $"must be non-blank and at most {ExperimentDefinitionValidator.MaxTextLength} characters")));
        // Resuming a guardrail pause overrides the breach, so it must say why (the override is the event's reason).
        if (reason is null && _state!.PauseCause == PauseCause.Guardrail)
            return Task.FromResult(Refused(CommandError.Invalid("reason", "is required to resume an experiment a guardrail paused: say why the breach is overridden")));
        return Append(new ExperimentResumed(clock.GetUtcNow(), reason));
    }

    public Task<CommandResult<ExperimentView>> Conclude(ConclusionDecision decision, string? winningVariant)
    {
        if (Refusal(LifecycleCommand.Conclude) is { } refused) return Task.FromResult(Refused(refused));
        if (CheckConclusion(decision, winningVariant) is { } invalid) return Task.FromResult(Refused(invalid));
        return ConcludeAndRelease(decision, winningVariant);
    }

    public Task<CommandResult<ExperimentView>> ChangeTraffic(double percent)
    {
        if (!double.IsFinite(percent) || percent is < 0 or > 100)
            return Task.FromResult(Refused(CommandError.Invalid("percent", "must be between 0 and 100")));
        return Refusal(LifecycleCommand.Traffic) is { } refused
            ? Task.FromResult(Refused(refused))
            : Append(new TrafficChanged(percent, clock.GetUtcNow()));
    }

    private async Task<CommandResult<ExperimentView>> ConcludeAndRelease(ConclusionDecision decision, string? winningVariant)
    {
        var held = _state!.Slots;
        var result = await Append(new ExperimentConcluded(decision, winningVariant, clock.GetUtcNow()));
        if (result.Accepted && held is not null && _state.Definition.Namespace is { } ns)
            await GrainFactory.GetGrain<INamespaceGrain>(ns.Key).Release(Key);
        return result;
    }

    public Task<CommandResult<ExperimentView>> Archive() =>
        Refusal(LifecycleCommand.Archive) is { } refused ? Task.FromResult(Refused(refused)) : Append(new ExperimentArchived(clock.GetUtcNow()));

    public Task<ExperimentView?> Get() => Task.FromResult(_state?.ToView());

    public async Task<HistoryEntry[]> GetHistory()
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(Key);
        var serializer = store.Options.Serializer();
        return events.Select(e => new HistoryEntry(e.Version, e.EventType.Name, e.Timestamp, serializer.ToJson(e.Data),
            e.GetHeader(Actors.Actor)?.ToString(), e.GetHeader(Actors.Key)?.ToString(), e.GetHeader(Actors.Team)?.ToString())).ToArray();
    }

    // Unknown first (404), then who may (403), then the state (409): a caller may not learn another team's states.
    // Reviewers are not the owner team's writers, so a review's own rule decides who may approve or request changes.
    private CommandError? Refusal(LifecycleCommand command) =>
        _state is null
            ? CommandError.UnknownKey("experiment", Key)
            : (command switch
              {
                  LifecycleCommand.Approve => MayReview("approve"),
                  LifecycleCommand.RequestChanges => MayReview("request changes to"),
                  _ => Permissions.TeamWriter(CallerContext.Current, _state.Definition.OwnerTeam, $"Changing experiment '{Key}'"),
              }) ?? ExperimentTransitions.Check(_state.Status, command);

    private CommandError? CheckConclusion(ConclusionDecision decision, string? winner)
    {
        if (!Enum.IsDefined(decision)) return CommandError.Invalid("decision", "must be ship, keep_control or inconclusive");
        if (decision != ConclusionDecision.Ship)
            return winner is null ? null : CommandError.Invalid("winningVariant", "is only given when the decision is ship");
        if (winner is null) return CommandError.Invalid("winningVariant", "is required when the decision is ship");
        return _state!.Definition.Variants.Any(v => v.Key == winner)
            ? null
            : CommandError.Invalid("winningVariant", $"'{winner}' is not a variant of this experiment");
    }

    // A bound metric must exist in the registry, as in GrowthBook and Statsig, so results can always be computed.
    private async Task<CommandError?> CheckMetricsExist(ExperimentDefinition definition)
    {
        var registry = GrainFactory.GetGrain<IMetricRegistryGrain>(0);
        for (var i = 0; i < definition.Metrics.Length; i++)
        {
            if (await registry.Get(definition.Metrics[i].MetricKey) is null)
                return CommandError.Invalid($"metrics[{i}].metricKey", $"no metric '{definition.Metrics[i].MetricKey}' is registered");
        }
        return null;
    }

    private async Task<CommandError?> CheckNamespace(ExperimentDefinition definition)
    {
        if (definition.Namespace is not { } claim) return null;
        var ns = await GrainFactory.GetGrain<INamespaceGrain>(claim.Key).Get();
        if (ns is null) return CommandError.Invalid("namespace.key", $"no namespace '{claim.Key}' exists; create it with POST /api/namespaces");
        return claim.Slots > ns.TotalSlots
            ? CommandError.Invalid("namespace.slots", $"namespace '{claim.Key}' has only {ns.TotalSlots} slots")
            : null;
    }

    private Task<CommandResult<ExperimentView>> Append(object @event) => Append(null, @event);

    /// <summary>
    /// Appends the events in one transaction with the expected version (several commit together or not at all: a
    /// breach and its pause, a scheduled end and its pause), their alerts in the same transaction, and the actor in
    /// the events' metadata: <paramref name="actor"/> for automation, else the caller's user, key and team.
    /// </summary>
    private async Task<CommandResult<ExperimentView>> Append(string? actor, params object[] events)
    {
        var before = _state;
        var next = events.Aggregate(_state, (state, e) => Experiment.Fold(state, e))!;
        await using var session = store.LightweightSession();
        Actors.Stamp(session, actor, next.Definition.OwnerTeam);
        if (_state is null) session.Events.StartStream<Experiment>(Key, events);
        else session.Events.Append(Key, next.StreamVersion, events);
        // Alerts commit in the same transaction as their events, so they are neither lost nor raised for nothing.
        foreach (var e in events)
            if (LifecycleAlerts.NameOf(e) is { } alert) AlertOutbox.Enqueue(session, alert, Key, e, clock.GetUtcNow());
        try
        {
            await session.SaveChangesAsync();
        }
        catch (Exception ex) when (MartenConflicts.IsVersionConflict(ex))
        {
            logger.LogWarning(ex, "Version conflict appending {Events} to experiment {Key}; reloading",
                string.Join(", ", events.Select(e => e.GetType().Name)), Key);
            await Reload(CancellationToken.None);
            return Refused(CommandError.Conflict("The experiment was changed by another writer; reload it and retry."));
        }
        _state = next;
        await KeepScheduleInStep(() => schedule.FollowAsync(this.GetGrainId(), before, next));
        await ReportToConfig(_state.ToView());
        // The analysis starts or stops its look schedule with the status (one-way: the command has committed).
        GrainFactory.GetGrain<IExperimentAnalysisGrain>(Key).Wake().Ignore();
        return CommandResult<ExperimentView>.Ok(_state.ToView());
    }

    // The command has committed; a lost report is repaired when the config grain next rebuilds from Marten.
    private async Task ReportToConfig(ExperimentView view)
    {
        try
        {
            await GrainFactory.GetGrain<IConfigGrain>(IConfigGrain.Key).ExperimentChanged(view);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Experiment {Key} version {Version} was not reported to the config grain", Key, view.Version);
        }
    }

    private async Task Reload(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(Key, token: ct);
        Experiment? state = null;
        foreach (var e in events) state = Experiment.Fold(state, e.Data);
        _state = state;
    }

    private static CommandResult<ExperimentView> Refused(CommandError error) => CommandResult<ExperimentView>.Refused(error);
}
