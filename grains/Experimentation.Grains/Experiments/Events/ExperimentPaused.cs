namespace Experimentation.Grains.Experiments.Events;

public sealed record ExperimentPaused(string Reason, DateTimeOffset At);
