namespace Experimentation.GrainInterfaces.Audit;

/// <summary>One stored event of any stream, with the actor from its metadata.</summary>
/// <param name="Sequence">Marten's global sequence number: the order of all changes, and the paging cursor.</param>
/// <param name="Stream">The experiment's key, or kind:id for the others (metric:revenue, key:3f2a…, config:holdout).</param>
/// <param name="Data">The event's data as JSON text.</param>
/// <param name="Actor">The user, or system:&lt;component&gt; for automation and for trusted calls without a key.</param>
[GenerateSerializer, Immutable]
public sealed record AuditEntry(long Sequence, string Stream, long Version, string Type, DateTimeOffset Timestamp, string Data,
    string? Actor, string? ActorKey, string? ActorTeam, string? OwnerTeam);
