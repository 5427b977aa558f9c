namespace Experimentation.Client.Config;

/// <summary>
/// Keeps a <see cref="ConfigSnapshotCache"/> current from some source: the gateway over SSE and polling
/// (<see cref="HttpConfigFeed"/>), or the config grain through an Orleans observer (<c>ClusterConfigFeed</c> in
/// <c>Experimentation.Client.Orleans</c>).
/// </summary>
public interface IConfigFeed
{
    /// <summary>
    /// Delivers bundles into <paramref name="cache"/> until <paramref name="cancellationToken"/> is cancelled. Source
    /// failures are retried inside; the task ends only on cancellation.
    /// </summary>
    Task RunAsync(ConfigSnapshotCache cache, CancellationToken cancellationToken);
}
