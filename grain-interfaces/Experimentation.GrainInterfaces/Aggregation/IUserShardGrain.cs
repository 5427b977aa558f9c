using Experimentation.GrainInterfaces.Events;
using Orleans.Concurrency;

namespace Experimentation.GrainInterfaces.Aggregation;

/// <summary>
/// One user shard (hash(userId) mod the shard count, keyed by shard number): the single writer of its users' raw
/// events, their exposures and per-user values, and the partial statistics per (experiment, variant, metric).
/// </summary>
public interface IUserShardGrain : IGrainWithIntegerKey
{
    /// <summary>Commits valid events of this shard's users exactly once, then folds the new ones in.</summary>
    /// <returns>How many were new and how many were already stored.</returns>
    Task<ShardIngestResult> Ingest(IngestEvent[] events);

    /// <summary>The shard's current partial for a variant (empty when it has seen none of its users).</summary>
    [AlwaysInterleave]
    Task<VariantPartial> GetPartial(string experiment, string variant);

    /// <summary>
    /// An event-level percentile metric's clusters over this shard's users of a variant: per user (S, N), S their
    /// post-exposure events whose sketch bucket is at or below <paramref name="threshold"/> and N all of them.
    /// </summary>
    [AlwaysInterleave]
    Task<PairedSums> GetQuantileClusters(string experiment, string variant, string metric, int threshold);

    /// <summary>The shard's current mismatch counts for an experiment, and their version.</summary>
    [AlwaysInterleave]
    Task<(long Version, MismatchCounts Counts)> GetMismatches(string experiment);
}
