using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Scheduling;

/// <summary>
/// A scheduled start that falls due while PostgreSQL refuses connections cannot commit; the reminder keeps ticking
/// every retry period, and the first tick after the outage starts the experiment, once.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class ScheduleOutageTests(PlatformFixture platform)
{
    [Fact]
    public async Task AStartDueDuringADatabaseOutageHappensAtTheFirstTickAfterIt()
    {
        var probe = new ScheduleProbe(platform, Samples.Key("outage-start"));
        var startDate = DateTimeOffset.UtcNow.AddSeconds(10);
        Assert.True((await probe.Grain.Create(Samples.Ab() with { StartDate = startDate })).Accepted);
        // After an earlier outage of this fixture the first registrations may meet dead pooled connections and be
        // retried every period; the outage below must begin once the reminder is stored.
        await Eventually.Until("the reminder to be stored", probe.RemindersAsync, rows => rows.Length == 1, TimeSpan.FromSeconds(8),
            TimeSpan.FromMilliseconds(100));

        DateTimeOffset outageEnd;
        await platform.Database.SetConnectionsAllowedAsync(false);
        try
        {
            // The outage spans the due time and two retry periods, so at least two ticks fail against it.
            var failingTicks = startDate + 2 * PlatformFixture.ScheduleRetryPeriod + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow;
            await Task.Delay(failingTicks > TimeSpan.Zero ? failingTicks : TimeSpan.Zero);
        }
        finally
        {
            await platform.Database.SetConnectionsAllowedAsync(true);
            outageEnd = DateTimeOffset.UtcNow;
        }

        var running = await probe.StatusAsync(ExperimentStatus.Running, PlatformFixture.ScheduleRetryPeriod + TimeSpan.FromSeconds(20));
        Assert.True(running.StartedAt >= outageEnd.AddSeconds(-1), $"started at {running.StartedAt:o}, the outage ended at {outageEnd:o}");
        Assert.Equal(["ExperimentCreated", "ExperimentStarted"], await probe.HistoryTypesAsync());
        await probe.NoReminderAsync();
    }
}
