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
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.RetentionSweepInterval;
            try
            {
                var dropped = await store.DropExpiredPartitionsAsync(options.Value.RetentionDays, stoppingToken);
                if (dropped > 0) logger.LogInformation("Dropped {Count} raw-event partitions older than {Days} days", dropped, options.Value.RetentionDays);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The schema may not be applied yet on the very first sweep; try again soon rather than in an hour.
                logger.LogWarning(ex, "Raw-event retention sweep failed");
                wait = TimeSpan.FromMinutes(1);
            }
            await Task.Delay(wait, stoppingToken);
        }
    }
}
