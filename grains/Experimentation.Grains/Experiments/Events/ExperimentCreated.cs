using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.Grains.Experiments.Events;

public sealed record ExperimentCreated(string Key, ExperimentDefinition Definition, DateTimeOffset At);
