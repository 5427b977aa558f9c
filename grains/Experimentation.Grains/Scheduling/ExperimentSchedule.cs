using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Grains.Experiments;

namespace Experimentation.Grains.Scheduling;

/// <summary>
/// When the definition's startDate and endDate act on an experiment, read from its folded state alone, so the reminder
/// that carries them out can be rebuilt from the stream at any time (docs/automation.md, "Scheduling").
/// </summary>
public static class ExperimentSchedule
{

    /// <summary>The pause reason of a scheduled end.</summary>
    public const string EndReason = "scheduled end";

    /// <summary>
    /// How early a reminder tick may arrive and still act. Orleans anchors ticks to the due time, but the grain's clock
    /// and the reminder service's are read a few milliseconds apart.
    /// </summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(1);

    /// <summary>When the next scheduled action is due, or null when nothing is scheduled.</summary>
    public static DateTimeOffset? NextDue(Experiment? state) => state switch
    {
        { Status: ExperimentStatus.Draft or ExperimentStatus.InReview or ExperimentStatus.Approved, ScheduledStart: { } start } => start,
        { Status: ExperimentStatus.Running or ExperimentStatus.Paused, ScheduledEnd: { } end } => end,
        _ => null,
    };

    /// <summary>The action due at <paramref name="now"/>: none while the next due time is still ahead.</summary>
    public static ScheduledAction DueAt(Experiment? state, DateTimeOffset now)
    {
        if (NextDue(state) is not { } due || due - now > Tolerance) return ScheduledAction.None;
        return state!.Status is ExperimentStatus.Running or ExperimentStatus.Paused ? ScheduledAction.End : ScheduledAction.Start;
    }

    /// <summary>
    /// Why a due scheduled start must not happen, besides what the start itself refuses: the endDate passed before the
    /// start could run (every silo was down through the whole window), so it would end as soon as it began.
    /// </summary>
    public static string? WhyNotStart(Experiment state, DateTimeOffset now) =>
        state.Definition.EndDate is { } end && end <= now
            ? $"the endDate {end:o} passed before the scheduled start could run"
            : null;
}
