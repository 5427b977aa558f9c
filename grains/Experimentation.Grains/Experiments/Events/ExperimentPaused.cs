using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.Grains.Experiments.Events;

/// <param name="Cause">Who paused it: a person (manual), a breached guardrail, or the schedule. Older events are manual.</param>
public sealed record ExperimentPaused(string Reason, DateTimeOffset At, PauseCause Cause = PauseCause.Manual);
