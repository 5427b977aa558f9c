namespace Experimentation.Client.Exposures;

/// <summary>How exposures are deduplicated, batched and delivered (docs/client.md, "Exposures").</summary>
public sealed class ExposureOptions
{
    /// <summary>
    /// When true, every <c>Assign</c> or <c>AssignInLayer</c> that returns a variant also logs the exposure. Off by
    /// default: a service that assigns before it knows whether it will show the variant should call
    /// <c>LogExposure</c> at the moment it does, or it counts users who never saw the change.
    /// </summary>
    public bool LogOnAssign { get; set; }

    /// <summary>
    /// The most (experiment, user) pairs remembered for dedupe: memory stays bounded by this many entries
    /// (about 100 bytes each plus the user id strings, so about 10 MB at the default with 36-character ids).
    /// A pair is forgotten only after at least half this many other new pairs came after its last sighting.
    /// </summary>
    public int DedupeCapacity { get; set; } = 100_000;

    /// <summary>A batch is sent as soon as it holds this many exposures.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>A partial batch is sent this long after its first exposure was logged.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Exposures waiting to be sent. When the sink falls this far behind, new exposures are dropped (and counted)
    /// rather than blocking the caller or growing without bound.
    /// </summary>
    public int QueueCapacity { get; set; } = 50_000;

    /// <summary>How long disposal waits for the last batches to be delivered.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per batch in <see cref="HttpExposureSink"/>, the first one included.</summary>
    public int SendAttempts { get; set; } = 5;

    internal IEnumerable<string> Validate()
    {
        var errors = new List<string>();
        if (DedupeCapacity < 2) errors.Add("Exposures.DedupeCapacity must be at least 2.");
        if (BatchSize is < 1 or > 10_000) errors.Add("Exposures.BatchSize must be within 1..10,000 (the ingestion API's batch limit).");
        if (QueueCapacity < BatchSize) errors.Add("Exposures.QueueCapacity must be at least BatchSize.");
        if (SendAttempts < 1) errors.Add("Exposures.SendAttempts must be at least 1.");
        ExperimentationClientOptions.Positive(FlushInterval, "Exposures.FlushInterval", errors);
        ExperimentationClientOptions.Positive(ShutdownTimeout, "Exposures.ShutdownTimeout", errors, allowZero: true);
        return errors;
    }
}
