namespace Experimentation.Grains.Experiments.Events;

public sealed record ExperimentStarted(DateTimeOffset At);
