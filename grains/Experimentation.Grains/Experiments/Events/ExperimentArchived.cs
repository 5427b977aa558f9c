namespace Experimentation.Grains.Experiments.Events;

public sealed record ExperimentArchived(DateTimeOffset At);
