namespace Experimentation.Grains.Ingestion;

/// <summary>A shard's stored snapshot: the full one at <see cref="Seq"/>, then the deltas after it, in sequence order.</summary>
public sealed record StoredSnapshot(long Seq, byte[] Full, IReadOnlyList<(long Seq, byte[] State)> Deltas);
