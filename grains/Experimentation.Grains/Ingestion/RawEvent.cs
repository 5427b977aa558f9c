namespace Experimentation.Grains.Ingestion;

/// <summary>One row of a shard's raw event log, in the shape the fold consumes.</summary>
/// <param name="Seq">The shard's log sequence number; commit order, since the shard is the single writer.</param>
/// <param name="ReceivedAt">When the row was committed; the results' asOf is the newest of these.</param>
public sealed record RawEvent(
    Guid EventId,
    long Seq,
    RawEventKind Kind,
    string UserId,
    DateTimeOffset OccurredAt,
    string? Experiment,
    string? Variant,
    string? EventType,
    double? Value,
    DateTimeOffset ReceivedAt);
