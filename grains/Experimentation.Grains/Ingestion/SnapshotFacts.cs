using Experimentation.GrainInterfaces.Aggregation;

namespace Experimentation.Grains.Ingestion;

/// <summary>
/// What one stored snapshot holds: the sequence it covers, users with their exposures and events (all of them in a full
/// snapshot, the changed ones in a delta), and the shard-wide facts (mismatch counts, each variant's asOf), always whole.
/// </summary>
public sealed record SnapshotFacts(long LastSeq, List<(string Id, UserRecord User)> Users,
    List<(string Experiment, MismatchCounts Counts)> Mismatches, List<(string Experiment, string Variant, DateTimeOffset AsOf)> AsOf);
