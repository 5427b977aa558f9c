namespace Experimentation.Grains.Experiments.Events;

public sealed record ExperimentResumed(DateTimeOffset At);
