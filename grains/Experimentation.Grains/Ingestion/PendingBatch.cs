using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.GrainInterfaces.Events;

namespace Experimentation.Grains.Ingestion;

/// <summary>One caller's events waiting for the shard's next group commit, and the caller's answer.</summary>
public sealed class PendingBatch(IngestEvent[] events)
{
    public IngestEvent[] Events { get; } = events;

    public TaskCompletionSource<ShardIngestResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Accepted { get; set; }

    public int Duplicates { get; set; }
}
