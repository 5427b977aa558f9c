using Orleans.Concurrency;

namespace Experimentation.GrainInterfaces.Events;

/// <summary>
/// The ingestion entry point for the HTTP gateway and for embedded Orleans clients: validates a batch whole, routes
/// it to the user shards and returns only once every event is committed to PostgreSQL.
/// </summary>
/// <remarks>Call it with key 0; it is a stateless worker, so every silo runs local copies.</remarks>
public interface IEventIngestionGrain : IGrainWithIntegerKey
{
    /// <summary>Stores a batch exactly once. A refused batch (any invalid event) stores nothing.</summary>
    /// <remarks>A thrown exception means the outcome is unknown; retrying the same batch is always safe.</remarks>
    [AlwaysInterleave]
    Task<IngestResult> Ingest(IngestEvent[] events);
}
