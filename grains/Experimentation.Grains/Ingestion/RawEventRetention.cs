using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Experimentation.Grains.Ingestion;

/// <summary>
/// Drops raw-event day partitions older than the retention, at start-up and then periodically. Aggregates live in the
/// shards' snapshots, which are far newer than any expired day, so nothing folded is lost.
/// </summary>
public sealed class RawEventRetention(RawEventStore store, IOptions<IngestionOptions> options, ILogger<RawEventRetention> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionSweepInterval);
        do
        {
            try
            {
                var dropped = await store.DropExpiredPartitionsAsync(options.Value.RetentionDays, stoppingToken);
                if (dropped > 0) logger.LogInformation("Dropped {Count} raw-event partitions older than {Days} days", dropped, options.Value.RetentionDays);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The schema may not be applied yet on the very first sweep; the next one catches up.
                logger.LogWarning(ex, "Raw-event retention sweep failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
