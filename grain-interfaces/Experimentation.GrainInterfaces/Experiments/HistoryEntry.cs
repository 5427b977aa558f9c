namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>One lifecycle event of an experiment, as stored in its Marten stream.</summary>
/// <param name="Type">The event's type name, for example ExperimentStarted.</param>
/// <param name="Data">The event's data as JSON text.</param>
[GenerateSerializer, Immutable]
public sealed record HistoryEntry(long Version, string Type, DateTimeOffset Timestamp, string Data);
