using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.Grains.Experiments.Events;

public sealed record DraftUpdated(ExperimentDefinition Definition, DateTimeOffset At);
