using System.ComponentModel.DataAnnotations;
using Experimentation.GrainInterfaces.Aggregation;

namespace Experimentation.Grains.Ingestion;

/// <summary>Settings of event ingestion, bound from the "Experimentation:Ingestion" section.</summary>
public sealed class IngestionOptions
{
    public const string Section = "Experimentation:Ingestion";

    /// <summary>Number of user shards. Fixed for the life of the data: a shard's state is the fold of its own log.</summary>
    [Range(1, 1024)]
    public int Shards { get; set; } = UserShards.DefaultCount;

    /// <summary>Days raw events are kept before their day partition is dropped; aggregates are kept forever.</summary>
    [Range(2, 36500)]
    public int RetentionDays { get; set; } = 90;

    /// <summary>How often a shard snapshots its in-memory state; recovery replays the log written since.</summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// PostgreSQL connections the raw event log may hold per silo. Shards commit in groups, so a few connections serve
    /// many shards; without a cap, 64 shards on each of several silos exhaust PostgreSQL's max_connections (100).
    /// </summary>
    [Range(2, 1000)]
    public int MaxConnections { get; set; } = 16;

    /// <summary>How often expired day partitions are looked for.</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Oldest event timestamp accepted at <paramref name="now"/>: one day inside the retention, so an event is never
    /// written to a partition about to be dropped, where its retry would no longer be recognised as a duplicate.
    /// </summary>
    public DateTimeOffset EarliestAccepted(DateTimeOffset now) => now.UtcDateTime.Date.AddDays(-(RetentionDays - 1));
}
