namespace Experimentation.Grains.Experiments.Events;

/// <summary>
/// The definition's startDate came and the experiment could not start; it stays a draft, and this schedule is spent:
/// a person starts it, or saves the draft with a new future startDate.
/// </summary>
/// <param name="StartDate">The scheduled start that failed.</param>
/// <param name="Reason">Why, in the words a refused manual start would use (for example a slot collision).</param>
public sealed record ScheduledStartFailed(DateTimeOffset StartDate, string Reason, DateTimeOffset At);
