using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.Grains.Experiments.Events;

public sealed record ExperimentConcluded(ConclusionDecision Decision, string? WinningVariant, DateTimeOffset At);
