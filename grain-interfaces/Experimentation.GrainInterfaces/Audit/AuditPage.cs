namespace Experimentation.GrainInterfaces.Audit;

/// <summary>A page of changes, newest first; <paramref name="NextCursor"/> is null on the last page.</summary>
[GenerateSerializer, Immutable]
public sealed record AuditPage(AuditEntry[] Entries, long? NextCursor);
