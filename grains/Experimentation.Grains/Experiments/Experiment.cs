using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Namespaces;
using Experimentation.Grains.Experiments.Events;

namespace Experimentation.Grains.Experiments;

/// <summary>
/// The experiment aggregate: a fold of its own event stream. The grain folds with <see cref="Fold"/>, and Marten's
/// inline snapshot projection uses the same Create/Apply methods, so both always agree. (Not named Evolve: Marten's
/// source generator would take that name for its own convention.)
/// </summary>
public sealed record Experiment
{
    /// <summary>The experiment key, which is also the stream key.</summary>
    public string Id { get; init; } = "";

    /// <summary>Events folded so far. Kept by the fold itself because Marten's QuickAppend leaves Version at 0.</summary>
    public long StreamVersion { get; init; }

    public ExperimentStatus Status { get; init; }
    public ExperimentDefinition Definition { get; init; } = null!;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public string? PauseReason { get; init; }
    public DateTimeOffset? ConcludedAt { get; init; }
    public ConclusionDecision? Decision { get; init; }
    public string? WinningVariant { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }

    /// <summary>The namespace slots held from start until conclusion.</summary>
    public SlotRange? Slots { get; init; }

    /// <summary>Why it is paused; null unless paused.</summary>
    public PauseCause? PauseCause { get; init; }

    /// <summary>Every guardrail breach id recorded, so a breach reported again is recorded once.</summary>
    public string[] Breaches { get; init; } = [];
    /// <summary>
    /// The startDate a reminder will start this draft at: set when a draft is saved with a startDate still ahead,
    /// spent by the start or by <see cref="ScheduledStartFailed"/>. A startDate already past when saved schedules nothing.
    /// </summary>
    public DateTimeOffset? ScheduledStart { get; init; }

    /// <summary>
    /// The endDate a reminder will end this experiment at: set at the start when the endDate is still ahead, spent by
    /// <see cref="ScheduledEndReached"/> or the conclusion.
    /// </summary>
    public DateTimeOffset? ScheduledEnd { get; init; }

    /// <summary>The review of the current definition; null before any, and again after a change reset it.</summary>
    public ExperimentReview? Review { get; init; }

    public static Experiment Create(ExperimentCreated e) => new()
    {
        Id = e.Key,
        StreamVersion = 1,
        Status = ExperimentStatus.Draft,
        Definition = e.Definition,
        CreatedAt = e.At,
        UpdatedAt = e.At,
        ScheduledStart = Ahead(e.Definition.StartDate, e.At),
    };

    public Experiment Apply(DraftUpdated e) =>
        Next(e.At) with { Definition = e.Definition, ScheduledStart = Ahead(e.Definition.StartDate, e.At) };

    public Experiment Apply(ExperimentStarted e) => Next(e.At) with
    {
        Status = ExperimentStatus.Running,
        StartedAt = StartedAt ?? e.At,
        Slots = e.Slots,
        ScheduledStart = null,
        ScheduledEnd = Ahead(Definition.EndDate, e.At),
    };

    public Experiment Apply(ScheduledStartFailed e) => Next(e.At) with { ScheduledStart = null };

    public Experiment Apply(ScheduledEndReached e) => Next(e.At) with { ScheduledEnd = null };

    public Experiment Apply(TrafficChanged e) => Next(e.At) with { Definition = Definition with { TrafficPercent = e.Percent } };

    public Experiment Apply(ExperimentPaused e) => Next(e.At) with { Status = ExperimentStatus.Paused, PauseReason = e.Reason, PauseCause = e.Cause };

    public Experiment Apply(ExperimentResumed e) => Next(e.At) with { Status = ExperimentStatus.Running, PauseReason = null, PauseCause = null };

    public Experiment Apply(GuardrailBreached e) => Next(e.At) with { Breaches = [.. Breaches, e.Breach.BreachId] };

    public Experiment Apply(ExperimentConcluded e) => Next(e.At) with
    {
        Status = ExperimentStatus.Concluded,
        ConcludedAt = e.At,
        Decision = e.Decision,
        WinningVariant = e.WinningVariant,
        Slots = null,
        ScheduledEnd = null,
    };

    public Experiment Apply(ReviewSubmitted e) => Next(e.At) with
    {
        Status = ExperimentStatus.InReview,
        Review = new ExperimentReview(e.By, e.At, null, null, null, null),
    };

    public Experiment Apply(ExperimentApproved e) => Next(e.At) with
    {
        Status = ExperimentStatus.Approved,
        Review = Review! with { ApprovedBy = e.By, ApprovedAt = e.At },
    };

    public Experiment Apply(ChangesRequested e) => Next(e.At) with
    {
        Status = ExperimentStatus.Draft,
        Review = Review! with { ChangesRequested = e.Comment, ChangesRequestedBy = e.By },
    };

    public Experiment Apply(ReviewReset e) => Next(e.At) with { Status = ExperimentStatus.Draft, Review = null };

    public Experiment Apply(ExperimentArchived e) => Next(e.At) with { Status = ExperimentStatus.Archived, ArchivedAt = e.At };

    /// <summary>Folds one event into a state; the first event must be <see cref="ExperimentCreated"/>.</summary>
    public static Experiment Fold(Experiment? state, object @event) => (state, @event) switch
    {
        (null, ExperimentCreated e) => Create(e),
        (not null, DraftUpdated e) => state.Apply(e),
        (not null, ExperimentStarted e) => state.Apply(e),
        (not null, ExperimentPaused e) => state.Apply(e),
        (not null, TrafficChanged e) => state.Apply(e),
        (not null, ExperimentResumed e) => state.Apply(e),
        (not null, ExperimentConcluded e) => state.Apply(e),
        (not null, ExperimentArchived e) => state.Apply(e),
        (not null, GuardrailBreached e) => state.Apply(e),
        (not null, ScheduledStartFailed e) => state.Apply(e),
        (not null, ScheduledEndReached e) => state.Apply(e),
        (not null, ReviewSubmitted e) => state.Apply(e),
        (not null, ExperimentApproved e) => state.Apply(e),
        (not null, ChangesRequested e) => state.Apply(e),
        (not null, ReviewReset e) => state.Apply(e),
        _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot follow {(state is null ? "an empty stream" : ExperimentTransitions.Name(state.Status))}."),
    };

    public ExperimentView ToView() => new(
        Id, Status, StreamVersion, Definition, CreatedAt, UpdatedAt, StartedAt, PauseReason, ConcludedAt, Decision,
        WinningVariant, ArchivedAt, Slots, PauseCause, Review);

    // A date only schedules something when it is still ahead at the moment it takes effect.
    private static DateTimeOffset? Ahead(DateTimeOffset? date, DateTimeOffset at) => date > at ? date : null;

    private Experiment Next(DateTimeOffset at) => this with { StreamVersion = StreamVersion + 1, UpdatedAt = at };
}
