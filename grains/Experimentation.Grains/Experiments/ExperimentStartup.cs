using Experimentation.GrainInterfaces.Experiments;
using Marten;
using Microsoft.Extensions.Logging;

namespace Experimentation.Grains.Experiments;

/// <summary>
/// When a silo becomes active, activates every experiment whose activation has something to restore: a running one
/// wakes its analysis, whose look timer ended with the old process, and one with a scheduled start or end still to
/// come registers its reminder again if that registration was lost (the reminder table unreachable when the draft
/// was saved, or a crash right after the commit). The reminders themselves live in PostgreSQL and survive a restart.
/// With several silos each one activates them all, which is harmless.
/// </summary>
public sealed class ExperimentStartup(IGrainFactory grains, IDocumentStore store, ILogger<ExperimentStartup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ExperimentStartup), ServiceLifecycleStage.Active, ActivateAsync);

    private async Task ActivateAsync(CancellationToken ct)
    {
        try
        {
            await using var session = store.QuerySession();
            var scheduled = await session.Query<Experiment>()
                .Where(x => x.Status == ExperimentStatus.Running
                    || ((x.Status == ExperimentStatus.Draft || x.Status == ExperimentStatus.InReview || x.Status == ExperimentStatus.Approved)
                        && x.ScheduledStart != null)
                    || ((x.Status == ExperimentStatus.Running || x.Status == ExperimentStatus.Paused) && x.ScheduledEnd != null))
                .Select(x => x.Id)
                .ToListAsync(ct);
            // Get is the cheapest call; what matters is the activation (ExperimentGrain.OnActivateAsync).
            foreach (var key in scheduled) await grains.GetGrain<IExperimentGrain>(key).Get();
            logger.LogInformation("Activated {Count} running or scheduled experiments", scheduled.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // PostgreSQL may be down at start; reminders already registered still fire, and each experiment's next
            // activation, command or results query restores the rest.
            logger.LogWarning(ex, "Could not activate the running and scheduled experiments");
        }
    }
}
