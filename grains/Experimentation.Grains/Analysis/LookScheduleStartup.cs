using Experimentation.GrainInterfaces.Analysis;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Grains.Experiments;
using Marten;
using Microsoft.Extensions.Logging;

namespace Experimentation.Grains.Analysis;

/// <summary>
/// When a silo becomes active, wakes the analysis of every running experiment, so scheduled looks resume after a
/// restart without waiting for a results query. Waking an already active analysis changes nothing.
/// </summary>
/// <remarks>
/// Grain timers end with their activation; this and <see cref="ExperimentGrain"/>'s wake on every status change
/// are what keep the schedule going. With several silos each one wakes them all, which is harmless.
/// </remarks>
public sealed class LookScheduleStartup(IGrainFactory grains, IDocumentStore store, ILogger<LookScheduleStartup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LookScheduleStartup), ServiceLifecycleStage.Active, WakeRunningAsync);

    private async Task WakeRunningAsync(CancellationToken ct)
    {
        try
        {
            await using var session = store.QuerySession();
            var running = await session.Query<Experiment>().Where(x => x.Status == ExperimentStatus.Running).Select(x => x.Id).ToListAsync(ct);
            foreach (var key in running) await grains.GetGrain<IExperimentAnalysisGrain>(key).Wake();
            logger.LogInformation("Woke the analysis of {Count} running experiments", running.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // PostgreSQL may be down at start; the experiments' next command or results query wakes them instead.
            logger.LogWarning(ex, "Could not wake the analyses of running experiments");
        }
    }
}
