namespace Experimentation.Grains.Ingestion;

/// <summary>
/// A shard activation tried to commit after another activation took the shard (a silo declared dead while paused,
/// then resumed): it must stop writing, because the log has one writer (Sql/21-shards.sql).
/// </summary>
public sealed class ShardLeaseLostException(int shard, long epoch, long? current)
    : Exception($"Shard {shard} is owned by epoch {current?.ToString() ?? "none"}, not by this activation's epoch {epoch}.");
