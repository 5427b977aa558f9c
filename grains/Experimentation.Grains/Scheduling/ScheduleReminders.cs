using Experimentation.Grains.Experiments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Timers;

namespace Experimentation.Grains.Scheduling;

/// <summary>
/// Keeps each experiment's one schedule reminder in step with its state: registered for the next due time of
/// <see cref="ExperimentSchedule"/>, gone once nothing is due. Orleans reminders are periodic, so a one-shot is a
/// reminder that is re-registered or unregistered as soon as its action has committed; until then it ticks again every
/// <see cref="ScheduleOptions.RetryPeriod"/>, which is how a failed attempt is retried.
/// </summary>
/// <remarks>
/// Called from the experiment grain's turns only (the reminder registry needs the grain's context). No method throws:
/// a missing reminder table or an unreachable PostgreSQL is logged and reported as false, and never fails a command
/// that has already committed. The grain then tries again every retry period while it is active, its next activation
/// checks again (<see cref="EnsureAsync"/>, which <see cref="Experiments.ExperimentStartup"/> triggers at every silo start), and a
/// stale reminder that fires finds nothing due and removes itself.
/// </remarks>
public sealed class ScheduleReminders(IReminderRegistry registry, IOptions<ScheduleOptions> options, TimeProvider clock,
    ILogger<ScheduleReminders> logger)
{
    /// <summary>The reminder's name; one per experiment grain.</summary>
    public const string Name = "schedule";

    /// <summary>The reminder's period, and how often a grain retries a reminder call that failed.</summary>
    public TimeSpan RetryPeriod => options.Value.RetryPeriod;

    /// <summary>After a committed change: follows a due time that moved, appeared or went away.</summary>
    /// <returns>False when the reminder could not be brought in step.</returns>
    public Task<bool> FollowAsync(GrainId grain, Experiment? before, Experiment after)
    {
        var due = ExperimentSchedule.NextDue(after);
        return due == ExperimentSchedule.NextDue(before) ? Task.FromResult(true) : SyncAsync(grain, due);
    }

    /// <summary>At activation: registers the reminder of a due time that has none.</summary>
    /// <returns>False when the reminder could not be checked or registered.</returns>
    public async Task<bool> EnsureAsync(GrainId grain, Experiment? state)
    {
        if (ExperimentSchedule.NextDue(state) is not { } due) return true;
        try
        {
            if (await registry.GetReminder(grain, Name) is null) await RegisterAsync(grain, due);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "The schedule reminder of {Grain} (due {Due:o}) could not be checked", grain, due);
            return false;
        }
    }

    /// <summary>
    /// Registers the reminder for <paramref name="due"/>, or unregisters it when null. A due time already past fires at once.
    /// </summary>
    /// <returns>False when the reminder call failed.</returns>
    public async Task<bool> SyncAsync(GrainId grain, DateTimeOffset? due)
    {
        try
        {
            if (due is { } at) await RegisterAsync(grain, at);
            else if (await registry.GetReminder(grain, Name) is { } reminder) await registry.UnregisterReminder(grain, reminder);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (due is null) logger.LogError(ex, "The schedule reminder of {Grain} could not be removed", grain);
            else logger.LogError(ex, "The schedule reminder of {Grain} could not be registered for {Due:o}", grain, due);
            return false;
        }
    }

    private Task RegisterAsync(GrainId grain, DateTimeOffset due)
    {
        var dueTime = due - clock.GetUtcNow();
        return registry.RegisterOrUpdateReminder(grain, Name, dueTime > TimeSpan.Zero ? dueTime : TimeSpan.Zero, RetryPeriod);
    }
}
