namespace Experimentation.GrainInterfaces.Events;

/// <summary>The documented limits of one ingestion batch (docs/ingestion.md).</summary>
public static class EventLimits
{
    /// <summary>Events per batch; larger batches are refused whole.</summary>
    public const int MaxBatchEvents = 10_000;

    /// <summary>HTTP body size of POST /api/events: 10,000 events of about 400 bytes each, with room to spare.</summary>
    public const long MaxBodyBytes = 8L * 1024 * 1024;

    /// <summary>Longest user id, in characters.</summary>
    public const int MaxUserIdLength = 256;

    /// <summary>How far ahead of the server clock a timestamp may be (producers' clock skew).</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromDays(1);
}
