using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Grains.Experiments.Events;
using Experimentation.Grains.Scheduling;
using Microsoft.Extensions.Logging;

namespace Experimentation.Grains.Experiments;

/// <summary>The experiment grain's schedule: the reminder that starts a draft at its startDate and ends it at its endDate.</summary>
public sealed partial class ExperimentGrain
{
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ScheduleReminders.Name) return;
        var now = clock.GetUtcNow();
        var result = ExperimentSchedule.DueAt(_state, now) switch
        {
            ScheduledAction.Start => await StartOnSchedule(now),
            ScheduledAction.End => await EndOnSchedule(now),
            _ => null,
        };
        // Nothing due: the reminder is spent or has moved, and an outage kept it from following the state.
        if (result is null) await KeepScheduleInStep(() => schedule.SyncAsync(this.GetGrainId(), ExperimentSchedule.NextDue(_state)));
        else if (result.Error is { } error)
            logger.LogWarning("The scheduled action of experiment {Key} was refused ({Error}); the next tick tries again", Key, error.Message);
    }

    // A scheduled start is refused for the reasons a person's would be (still in review, review required), and recorded.
    private async Task<CommandResult<ExperimentView>> StartOnSchedule(DateTimeOffset now)
    {
        var planned = _state!.ScheduledStart!.Value;
        Task<CommandResult<ExperimentView>> Fail(string reason) => Append(ScheduleActor, new ScheduledStartFailed(planned, reason, now));
        if (ExperimentSchedule.WhyNotStart(_state, now) is { } why) return await Fail(why);
        if ((ExperimentTransitions.Check(_state.Status, LifecycleCommand.Start) ?? await ReviewGate()) is { } refused)
            return await Fail(refused.Message);
        return await ClaimAndStart(collision => Fail(collision.Message));
    }

    // A running experiment is paused in the same transaction, a paused one stays paused: either way a person decides.
    private Task<CommandResult<ExperimentView>> EndOnSchedule(DateTimeOffset now)
    {
        var ended = new ScheduledEndReached(_state!.ScheduledEnd!.Value, now);
        return _state.Status == ExperimentStatus.Running
            ? Append(ScheduleActor, ended, new ExperimentPaused(ExperimentSchedule.EndReason, now, PauseCause.Schedule))
            : Append(ScheduleActor, ended);
    }

    // A reminder call that failed (the table missing, or PostgreSQL back with dead pooled connections, which Npgsql
    // hands out until its pool is drained) is retried while this activation lives; a pending retry syncs to the state
    // as it is then, so later changes wait for it.
    private async Task KeepScheduleInStep(Func<Task<bool>> attempt)
    {
        if (_scheduleRepair is not null || await attempt()) return;
        _scheduleRepair = this.RegisterGrainTimer(RepairSchedule, new GrainTimerCreationOptions(schedule.RetryPeriod, schedule.RetryPeriod));
    }

    private async Task RepairSchedule(CancellationToken ct)
    {
        if (!await schedule.SyncAsync(this.GetGrainId(), ExperimentSchedule.NextDue(_state))) return;
        _scheduleRepair?.Dispose();
        _scheduleRepair = null;
    }
}
