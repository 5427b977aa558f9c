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
/// Called from the experiment grain's turns only (the reminder registry needs the grain's context). Every method is
/// best-effort: a missing reminder table or an unreachable PostgreSQL is logged and never fails the command that has
/// already committed. A registration lost that way is made again at the grain's next activation
/// (<see cref="EnsureAsync"/>, which <see cref="ScheduleStartup"/> triggers at every silo start); a stale reminder
/// that fires finds nothing due and removes itself.
/// </remarks>
public sealed class ScheduleReminders(IReminderRegistry registry, IOptions<ScheduleOptions> options, TimeProvider clock,
    ILogger<ScheduleReminders> logger)
{
    /// <summary>The reminder's name; one per experiment grain.</summary>
    public const string Name = "schedule";

    /// <summary>After a committed change: follows a due time that moved, appeared or went away.</summary>
    public Task FollowAsync(GrainId grain, Experiment? before, Experiment after)
    {
        var due = ExperimentSchedule.NextDue(after);
        return due == ExperimentSchedule.NextDue(before) ? Task.CompletedTask : SyncAsync(grain, due);
    }

    /// <summary>At activation: registers the reminder of a due time that has none.</summary>
    public async Task EnsureAsync(GrainId grain, Experiment? state)
    {
        if (ExperimentSchedule.NextDue(state) is not { } due) return;
        try
        {
            if (await registry.GetReminder(grain, Name) is null) await RegisterAsync(grain, due);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "The schedule reminder of {Grain} (due {Due:o}) could not be checked; the next activation tries again", grain, due);
        }
    }

    /// <summary>
    /// Registers the reminder for <paramref name="due"/>, or unregisters it when null. A due time already past fires at once.
    /// </summary>
    public async Task SyncAsync(GrainId grain, DateTimeOffset? due)
    {
        try
        {
            if (due is { } at) await RegisterAsync(grain, at);
            else if (await registry.GetReminder(grain, Name) is { } reminder) await registry.UnregisterReminder(grain, reminder);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (due is null)
                logger.LogError(ex, "The schedule reminder of {Grain} could not be removed; when it fires it finds nothing due and tries again", grain);
            else
                logger.LogError(ex, "The schedule reminder of {Grain} could not be registered for {Due:o}; the next activation of the experiment tries again", grain, due);
        }
    }

    private Task RegisterAsync(GrainId grain, DateTimeOffset due)
    {
        var dueTime = due - clock.GetUtcNow();
        return registry.RegisterOrUpdateReminder(grain, Name, dueTime > TimeSpan.Zero ? dueTime : TimeSpan.Zero, options.Value.RetryPeriod);
    }
}
