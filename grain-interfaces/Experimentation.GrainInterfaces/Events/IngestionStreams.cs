namespace Experimentation.GrainInterfaces.Events;

/// <summary>
/// The Orleans-stream transport of ingestion: one stream per user shard, carrying <see cref="IngestEvent"/> batches,
/// implicitly subscribed by that shard. It is an alternative transport, not the acknowledged path: a publisher learns
/// nothing about durability, and memory streams lose in-flight events on a crash (docs/ingestion.md).
/// </summary>
public static class IngestionStreams
{
    /// <summary>The stream provider's name, registered only when <c>Experimentation:Ingestion:Streams</c> is set.</summary>
    public const string ProviderName = "ingest";

    /// <summary>
    /// The stream namespace the user shards subscribe to implicitly. A shard's stream is
    /// <c>StreamId.Create(Namespace, shard)</c>; publish each user's events to the stream of
    /// <c>UserShards.Of(userId, shards)</c>.
    /// </summary>
    public const string Namespace = "ingest-events";
}
