namespace Experimentation.Grains.Experiments.Events;

/// <param name="Cause">What paused it: null for a person's command, <c>schedule</c> at the definition's endDate.</param>
public sealed record ExperimentPaused(string Reason, DateTimeOffset At, string? Cause = null);
