namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>The current state of an experiment as the grain folded it from its event stream.</summary>
/// <param name="Version">Number of events in the experiment's stream.</param>
/// <param name="PauseCause">Why it is paused (manual, guardrail, schedule); null unless paused.</param>
/// <param name="Review">Who submitted, approved or asked for changes to the current definition; null before any review.</param>
/// <param name="Slots">Namespace slots held while running or paused; null for an experiment that is its own layer.</param>
[GenerateSerializer, Immutable]
public sealed record ExperimentView(
    string Key,
    ExperimentStatus Status,
    long Version,
    ExperimentDefinition Definition,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt,
    string? PauseReason,
    DateTimeOffset? ConcludedAt,
    ConclusionDecision? Decision,
    string? WinningVariant,
    DateTimeOffset? ArchivedAt,
    Namespaces.SlotRange? Slots,
    PauseCause? PauseCause = null,
    ExperimentReview? Review = null);
