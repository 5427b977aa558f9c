namespace Experimentation.Grains.Experiments.Events;

/// <param name="Reason">Why a person resumed it; required when it overrides a guardrail pause.</param>
public sealed record ExperimentResumed(DateTimeOffset At, string? Reason = null);
