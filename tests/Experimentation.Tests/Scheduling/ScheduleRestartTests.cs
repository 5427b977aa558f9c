using System.Diagnostics;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Silo.Persistence;
using Experimentation.Tests.Infrastructure;
using Npgsql;

namespace Experimentation.Tests.Scheduling;

/// <summary>
/// Schedule reminders live in PostgreSQL: one registered before a silo restart fires after it, and one whose
/// registration failed (the reminder table missing) is registered again once the table is back, by the active grain
/// or at the next silo start.
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class ScheduleRestartTests(PlatformFixture platform)
{
    [Fact]
    public async Task AReminderRegisteredBeforeASiloRestartStartsTheExperimentAfterIt()
    {
        var probe = new ScheduleProbe(platform, Samples.Key("restart-start"));
        // Far enough ahead that the restart (about 3 s here) ends before it, close enough to keep the test short.
        var startDate = DateTimeOffset.UtcNow.AddSeconds(12);
        Assert.True((await probe.Grain.Create(Samples.Ab() with { StartDate = startDate })).Accepted);
        Assert.Single(await probe.RemindersAsync());

        var restart = Stopwatch.StartNew();
        await platform.RestartAsync();
        Assert.True(DateTimeOffset.UtcNow < startDate, $"the restart took {restart.Elapsed.TotalSeconds:0.0} s and ended after the start date");

        var running = await probe.StatusAsync(ExperimentStatus.Running, startDate - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(15));
        Assert.True(running.StartedAt >= startDate.AddSeconds(-1), $"started at {running.StartedAt:o}, scheduled for {startDate:o}");
        Assert.Equal(["ExperimentCreated", "ExperimentStarted"], await probe.HistoryTypesAsync());
        await probe.NoReminderAsync();
    }

    [Fact]
    public async Task ADraftSavedWhileTheReminderTableIsMissingIsAcceptedAndScheduledOnceTheTableIsBack()
    {
        var probe = new ScheduleProbe(platform, Samples.Key("table-back"));
        await ExecuteAsync("DROP TABLE orleans_reminders");
        var startDate = DateTimeOffset.UtcNow.AddSeconds(2);

        var created = await probe.Grain.Create(Samples.Ab() with { StartDate = startDate });

        Assert.True(created.Accepted, created.Error?.Message);
        // The active grain retries the registration every retry period, so the table coming back is enough.
        await OrleansSchema.ApplyAsync(platform.Database.ConnectionString);
        var running = await probe.StatusAsync(ExperimentStatus.Running, TimeSpan.FromSeconds(15));
        Assert.True(running.StartedAt >= startDate.AddSeconds(-1), $"started at {running.StartedAt:o}, scheduled for {startDate:o}");
        await probe.NoReminderAsync();
    }

    [Fact]
    public async Task ADraftSavedWhileTheReminderTableIsMissingIsAcceptedAndScheduledAtTheNextSiloStart()
    {
        var probe = new ScheduleProbe(platform, Samples.Key("no-table"));
        await ExecuteAsync("DROP TABLE orleans_reminders");
        var startDate = DateTimeOffset.UtcNow.AddSeconds(2);

        var created = await probe.Grain.Create(Samples.Ab() with { StartDate = startDate });

        Assert.True(created.Accepted, created.Error?.Message);
        Assert.Equal(ExperimentStatus.Draft, created.Value!.Status);
        // The start-up schema puts the table back, and the start-up check registers the lost reminder; its start date
        // has passed by then, so it fires at once.
        await platform.RestartAsync();
        var running = await probe.StatusAsync(ExperimentStatus.Running, TimeSpan.FromSeconds(20));
        Assert.True(running.StartedAt >= startDate.AddSeconds(-1), $"started at {running.StartedAt:o}, scheduled for {startDate:o}");
        await probe.NoReminderAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(platform.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
