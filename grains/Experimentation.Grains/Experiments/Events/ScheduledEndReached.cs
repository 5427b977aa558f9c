namespace Experimentation.Grains.Experiments.Events;

/// <summary>
/// The definition's endDate came while the experiment was running or paused. A running one is paused in the same
/// append (cause <c>schedule</c>); either way it now waits for a person to conclude it.
/// </summary>
public sealed record ScheduledEndReached(DateTimeOffset EndDate, DateTimeOffset At);
