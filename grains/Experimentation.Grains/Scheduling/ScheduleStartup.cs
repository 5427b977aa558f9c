using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Grains.Experiments;
using Marten;
using Microsoft.Extensions.Logging;

namespace Experimentation.Grains.Scheduling;

/// <summary>
/// When a silo becomes active, activates every experiment with a scheduled start or end still to come, so that a
/// reminder whose registration was lost (the reminder table unreachable when the draft was saved, or a crash right
/// after the commit) is registered again by the grain's activation. The reminders themselves live in PostgreSQL and
/// need no help to survive a restart.
/// </summary>
public sealed class ScheduleStartup(IGrainFactory grains, IDocumentStore store, ILogger<ScheduleStartup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ScheduleStartup), ServiceLifecycleStage.Active, ActivateScheduledAsync);

    private async Task ActivateScheduledAsync(CancellationToken ct)
    {
        try
        {
            await using var session = store.QuerySession();
            var scheduled = await session.Query<Experiment>()
                .Where(x => (x.Status == ExperimentStatus.Draft && x.ScheduledStart != null)
                    || ((x.Status == ExperimentStatus.Running || x.Status == ExperimentStatus.Paused) && x.ScheduledEnd != null))
                .Select(x => x.Id)
                .ToListAsync(ct);
            // Get is the cheapest call; what matters is the activation, which checks the reminder (ExperimentGrain).
            foreach (var key in scheduled) await grains.GetGrain<IExperimentGrain>(key).Get();
            logger.LogInformation("Checked the schedule reminders of {Count} experiments", scheduled.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // PostgreSQL may be down at start; reminders already registered still fire, and each experiment's next
            // activation checks its own.
            logger.LogWarning(ex, "Could not check the schedule reminders of scheduled experiments");
        }
    }
}
