namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>One lifecycle event of an experiment, as stored in its Marten stream.</summary>
/// <param name="Type">The event's type name, for example ExperimentStarted.</param>
/// <param name="Data">The event's data as JSON text.</param>
/// <param name="Actor">Who caused it, from the event's metadata: the user, or system:&lt;component&gt; for automation
/// (system:cluster for a trusted call without a key); null for events stored before actors were recorded.</param>
/// <param name="ActorKey">The id of the key that made the call; null for automation.</param>
/// <param name="ActorTeam">The team that key acts for; null for the installation admin and automation.</param>
[GenerateSerializer, Immutable]
public sealed record HistoryEntry(long Version, string Type, DateTimeOffset Timestamp, string Data, string? Actor = null,
    string? ActorKey = null, string? ActorTeam = null);
