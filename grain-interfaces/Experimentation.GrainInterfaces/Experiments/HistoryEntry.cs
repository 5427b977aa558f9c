namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>One lifecycle event of an experiment, as stored in its Marten stream.</summary>
/// <param name="Type">The event's type name, for example ExperimentStarted.</param>
/// <param name="Data">The event's data as JSON text.</param>
/// <param name="Actor">Who caused it, from the event's metadata: system:&lt;component&gt; for automation; null when unknown.</param>
[GenerateSerializer, Immutable]
public sealed record HistoryEntry(long Version, string Type, DateTimeOffset Timestamp, string Data, string? Actor = null);
