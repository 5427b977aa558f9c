using System.Text.Json;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Namespaces;
using Experimentation.Grains.Alerts;
using Experimentation.Grains.Scheduling;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Scheduling;

/// <summary>
/// The definition's startDate and endDate act through Orleans reminders on PostgreSQL: a draft starts at its startDate,
/// a running experiment pauses at its endDate with cause schedule and asks for a decision, a start that cannot happen
/// is recorded with its reason, and the reminder follows every change of the dates or the status.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ScheduledLifecycleTests(PlatformFixture platform)
{
    // A reminder fires at its due time; the slack covers a loaded two-core machine, and the poll fails past it.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ADraftStartsByItselfAtItsStartDateAndItsReminderIsThenRemoved()
    {
        var probe = Probe("starts");
        var startDate = DateTimeOffset.UtcNow.AddSeconds(3);
        Assert.True((await probe.Grain.Create(Samples.Ab() with { StartDate = startDate })).Accepted);
        var reminder = Assert.Single(await probe.RemindersAsync());
        Assert.InRange(reminder.Start, startDate.AddSeconds(-1), startDate.AddSeconds(1));

        var running = await probe.StatusAsync(ExperimentStatus.Running, TimeSpan.FromSeconds(3) + Slack);

        Assert.True(running.StartedAt >= startDate.AddSeconds(-1), $"started at {running.StartedAt:o}, scheduled for {startDate:o}");
        Assert.Equal(["ExperimentCreated", "ExperimentStarted"], await probe.HistoryTypesAsync());
        Assert.Equal([AlertEvents.ExperimentStarted], (await probe.AlertsAsync()).Select(a => a.Event));
        await probe.NoReminderAsync();
    }

    [Fact]
    public async Task AtItsEndDateARunningExperimentPausesWithCauseScheduleAndAsksForADecision()
    {
        var probe = Probe("ends");
        var now = DateTimeOffset.UtcNow;
        var (startDate, endDate) = (now.AddSeconds(2), now.AddSeconds(5));
        Assert.True((await probe.Grain.Create(Samples.Ab() with { StartDate = startDate, EndDate = endDate })).Accepted);

        await probe.StatusAsync(ExperimentStatus.Running, TimeSpan.FromSeconds(2) + Slack);
        var paused = await probe.StatusAsync(ExperimentStatus.Paused, TimeSpan.FromSeconds(5) + Slack);

        Assert.Equal(ExperimentSchedule.EndReason, paused.PauseReason);
        Assert.Equal(["ExperimentCreated", "ExperimentStarted", "ScheduledEndReached", "ExperimentPaused"], await probe.HistoryTypesAsync());
        var pause = await probe.LastEventAsync("ExperimentPaused");
        Assert.Equal("schedule", pause.GetProperty("cause").GetString());
        var ended = await probe.LastEventAsync("ScheduledEndReached");
        Assert.Equal(endDate, ended.GetProperty("endDate").GetDateTimeOffset());
        var alerts = await probe.AlertsAsync();
        Assert.Equal([AlertEvents.ExperimentStarted, AlertEvents.ExperimentEnded, AlertEvents.ExperimentPaused], alerts.Select(a => a.Event));
        var body = JsonDocument.Parse(alerts[1].Payload).RootElement;
        Assert.Equal(probe.Key, body.GetProperty("experiment").GetString());
        Assert.Equal(endDate, body.GetProperty("data").GetProperty("endDate").GetDateTimeOffset());
        await probe.NoReminderAsync();
        // Concluding stays a person's decision, and the scheduled end does not stand in its way.
        Assert.True((await probe.Grain.Conclude(ConclusionDecision.Inconclusive, null)).Accepted);
    }

    [Fact]
    public async Task AtItsEndDateAPausedExperimentStaysPausedAndAsksForADecision()
    {
        var probe = Probe("ends-paused");
        var endDate = DateTimeOffset.UtcNow.AddSeconds(3);
        Assert.True((await probe.Grain.Create(Samples.Ab() with { EndDate = endDate })).Accepted);
        Assert.True((await probe.Grain.Start()).Accepted);
        Assert.True((await probe.Grain.Pause("holiday traffic")).Accepted);

        await Eventually.Until("the scheduled end to be recorded", probe.HistoryTypesAsync, types => types.Contains("ScheduledEndReached"),
            TimeSpan.FromSeconds(3) + Slack, TimeSpan.FromMilliseconds(100));

        Assert.Equal(["ExperimentCreated", "ExperimentStarted", "ExperimentPaused", "ScheduledEndReached"], await probe.HistoryTypesAsync());
        Assert.Equal("holiday traffic", (await probe.Grain.Get())!.PauseReason);
        Assert.Contains(AlertEvents.ExperimentEnded, (await probe.AlertsAsync()).Select(a => a.Event));
        await probe.NoReminderAsync();
    }

    [Fact]
    public async Task AScheduledStartThatCollidesStaysADraftAndRecordsTheReasonWithAnAlert()
    {
        var ns = Samples.Key("sched-ns");
        Assert.True((await platform.Grains.GetGrain<INamespaceGrain>(ns).Create(10)).Accepted);
        var holder = Probe("holder");
        Assert.True((await holder.Grain.Create(Samples.Ab() with { Namespace = new NamespaceClaim(ns, 10) })).Accepted);
        Assert.True((await holder.Grain.Start()).Accepted);
        var probe = Probe("collides");
        var startDate = DateTimeOffset.UtcNow.AddSeconds(2);
        Assert.True((await probe.Grain.Create(Samples.Ab() with { Namespace = new NamespaceClaim(ns, 4), StartDate = startDate })).Accepted);

        await Eventually.Until("the failed start to be recorded", probe.HistoryTypesAsync, types => types.Contains("ScheduledStartFailed"),
            TimeSpan.FromSeconds(2) + Slack, TimeSpan.FromMilliseconds(100));

        Assert.Equal(ExperimentStatus.Draft, (await probe.Grain.Get())!.Status);
        var failed = await probe.LastEventAsync("ScheduledStartFailed");
        Assert.Equal(startDate, failed.GetProperty("startDate").GetDateTimeOffset());
        Assert.Contains(holder.Key, failed.GetProperty("reason").GetString());
        var alert = Assert.Single(await probe.AlertsAsync());
        Assert.Equal(AlertEvents.ExperimentStartFailed, alert.Event);
        Assert.Contains(holder.Key, JsonDocument.Parse(alert.Payload).RootElement.GetProperty("data").GetProperty("reason").GetString());
        await probe.NoReminderAsync();
    }

    [Fact]
    public async Task MovingTheStartDateOfADraftMovesItsReminderAndRemovingItRemovesTheReminder()
    {
        var moved = Probe("moved");
        var later = DateTimeOffset.UtcNow.AddHours(1);
        Assert.True((await moved.Grain.Create(Samples.Ab() with { StartDate = later })).Accepted);
        Assert.InRange(Assert.Single(await moved.RemindersAsync()).Start, later.AddSeconds(-1), later.AddSeconds(1));
        var sooner = DateTimeOffset.UtcNow.AddSeconds(2);
        Assert.True((await moved.Grain.UpdateDraft(Samples.Ab() with { StartDate = sooner })).Accepted);

        var running = await moved.StatusAsync(ExperimentStatus.Running, TimeSpan.FromSeconds(2) + Slack);
        Assert.True(running.StartedAt < later.AddMinutes(-50));

        var removed = Probe("removed");
        Assert.True((await removed.Grain.Create(Samples.Ab() with { StartDate = later })).Accepted);
        Assert.Single(await removed.RemindersAsync());
        Assert.True((await removed.Grain.UpdateDraft(Samples.Ab() with { StartDate = null })).Accepted);
        Assert.Empty(await removed.RemindersAsync());
    }

    [Fact]
    public async Task ConcludingOrArchivingRemovesThePendingReminder()
    {
        var concluded = Probe("concluded");
        Assert.True((await concluded.Grain.Create(Samples.Ab() with { EndDate = DateTimeOffset.UtcNow.AddHours(1) })).Accepted);
        Assert.Empty(await concluded.RemindersAsync());
        Assert.True((await concluded.Grain.Start()).Accepted);
        var period = Assert.Single(await concluded.RemindersAsync()).Period;
        Assert.Equal(PlatformFixture.ScheduleRetryPeriod, period);
        Assert.True((await concluded.Grain.Conclude(ConclusionDecision.KeepControl, null)).Accepted);
        Assert.Empty(await concluded.RemindersAsync());

        var archived = Probe("archived");
        Assert.True((await archived.Grain.Create(Samples.Ab() with { StartDate = DateTimeOffset.UtcNow.AddHours(1) })).Accepted);
        Assert.Single(await archived.RemindersAsync());
        Assert.True((await archived.Grain.Archive()).Accepted);
        Assert.Empty(await archived.RemindersAsync());
    }

    private ScheduleProbe Probe(string prefix) => new(platform, Samples.Key(prefix));
}
