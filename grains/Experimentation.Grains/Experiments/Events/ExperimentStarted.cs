using Experimentation.GrainInterfaces.Namespaces;

namespace Experimentation.Grains.Experiments.Events;

/// <param name="Slots">The namespace slots claimed at start; null for an experiment that is its own layer.</param>
public sealed record ExperimentStarted(DateTimeOffset At, SlotRange? Slots = null);
