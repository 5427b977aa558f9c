using System.Text.Json;
using Experimentation.GrainInterfaces.Audit;

namespace Experimentation.Gateway.Contracts.Security;

/// <summary>A page of GET /api/audit, newest first; pass <paramref name="NextCursor"/> as ?cursor= for the next page.</summary>
public sealed record AuditResponse(AuditEntryResponse[] Entries, long? NextCursor);

/// <summary>One change: the stream (an experiment's key, or kind:id), the event and who caused it.</summary>
public sealed record AuditEntryResponse(long Sequence, string Stream, long Version, string Type, DateTimeOffset Timestamp, JsonElement Data,
    string? Actor, string? ActorKey, string? ActorTeam, string? OwnerTeam)
{
    public static AuditEntryResponse From(AuditEntry e) =>
        new(e.Sequence, e.Stream, e.Version, e.Type, e.Timestamp, JsonDocument.Parse(e.Data).RootElement.Clone(), e.Actor, e.ActorKey, e.ActorTeam, e.OwnerTeam);
}
