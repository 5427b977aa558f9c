namespace Experimentation.Client.Exposures;

/// <summary>Counters of an <see cref="ExposureLogger"/> since it started.</summary>
/// <param name="Logged">New (experiment, user) pairs queued for delivery.</param>
/// <param name="Duplicates">Exposures skipped because the pair was already logged.</param>
/// <param name="Dropped">Exposures refused because the queue was full or closed.</param>
/// <param name="Sent">Exposures the sink acknowledged.</param>
/// <param name="Failed">Exposures in batches the sink gave up on.</param>
public readonly record struct ExposureStatistics(long Logged, long Duplicates, long Dropped, long Sent, long Failed);
