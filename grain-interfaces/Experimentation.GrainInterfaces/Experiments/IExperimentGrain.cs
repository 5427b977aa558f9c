using Orleans.Concurrency;

namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>
/// One experiment, keyed by its key. It is the only writer of its Marten stream: every accepted command appends
/// past-tense events with the expected version; a refused command appends nothing.
/// </summary>
public interface IExperimentGrain : IGrainWithStringKey
{
    Task<CommandResult<ExperimentView>> Create(ExperimentDefinition definition);
    /// <summary>Replaces the definition of a draft; an in_review or approved one returns to draft (ReviewReset).</summary>
    Task<CommandResult<ExperimentView>> UpdateDraft(ExperimentDefinition definition);

    /// <summary>
    /// Starts a draft, or an approved experiment. A draft whose owner team requires review is refused (409): it must be
    /// submitted and approved first.
    /// </summary>
    Task<CommandResult<ExperimentView>> Start();

    /// <summary>
    /// Submits a draft for review (draft → in_review); the caller becomes its author. Refused (409, listing them) while
    /// a pre-launch check fails.
    /// </summary>
    Task<CommandResult<ExperimentView>> Submit();

    /// <summary>
    /// Approves an experiment in review (in_review → approved). The caller must be a reviewer or an admin, and not
    /// the submitter (403 names the rule); a failing pre-launch check refuses it (409).
    /// </summary>
    Task<CommandResult<ExperimentView>> Approve();

    /// <summary>Returns an experiment in review to draft with the reviewer's comment; the same caller rule as approval.</summary>
    Task<CommandResult<ExperimentView>> RequestChanges(string comment);

    /// <summary>The pre-launch checks of the current definition; null when no experiment has this key.</summary>
    [AlwaysInterleave]
    Task<PreLaunchCheck[]?> GetChecks();
    Task<CommandResult<ExperimentView>> Pause(string reason);
    /// <summary>Resumes a paused experiment. A guardrail-paused one needs a reason: resuming it overrides the breach.</summary>
    Task<CommandResult<ExperimentView>> Resume(string? reason = null);

    /// <summary>
    /// Records a guardrail breach reported by the analysis (actor system:guardrail): GuardrailBreached, then, when the
    /// binding's action is pause and the experiment runs, ExperimentPaused with cause guardrail, in one transaction.
    /// A breach id already recorded changes nothing.
    /// </summary>
    Task<CommandResult<ExperimentView>> RecordGuardrailBreach(GuardrailBreach breach);
    Task<CommandResult<ExperimentView>> Conclude(ConclusionDecision decision, string? winningVariant);
    Task<CommandResult<ExperimentView>> Archive();

    /// <summary>Ramps a running or paused experiment; users already in keep their variant (sticky ramps).</summary>
    Task<CommandResult<ExperimentView>> ChangeTraffic(double percent);

    /// <summary>The current state, or null when no experiment has this key.</summary>
    [AlwaysInterleave]
    Task<ExperimentView?> Get();

    /// <summary>Every event in the stream, in order; empty when no experiment has this key.</summary>
    Task<HistoryEntry[]> GetHistory();
}
