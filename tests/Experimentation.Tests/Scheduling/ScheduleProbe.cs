using System.Text.Json;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Grains;
using Experimentation.Grains.Alerts;
using Experimentation.Tests.Infrastructure;
using Marten;
using Npgsql;

namespace Experimentation.Tests.Scheduling;

/// <summary>What the schedule tests read: the experiment through its grain, its reminder rows and its outbox alerts.</summary>
internal sealed class ScheduleProbe(PlatformFixture platform, string key)
{
    public string Key => key;

    public IExperimentGrain Grain => platform.Grains.GetGrain<IExperimentGrain>(key);

    /// <summary>Waits for the experiment to reach <paramref name="status"/>; fails after <paramref name="timeout"/>.</summary>
    public Task<ExperimentView> StatusAsync(ExperimentStatus status, TimeSpan timeout) =>
        Eventually.Until($"experiment {key} to be {status}", async () => (await Grain.Get())!, v => v.Status == status, timeout,
            TimeSpan.FromMilliseconds(100), v => $"{v.Status} at version {v.Version}");

    public async Task<string[]> HistoryTypesAsync() => (await Grain.GetHistory()).Select(h => h.Type).ToArray();

    public async Task<JsonElement> LastEventAsync(string type) =>
        JsonDocument.Parse((await Grain.GetHistory()).Last(h => h.Type == type).Data).RootElement;

    /// <summary>The reminder rows of this experiment's grain: the due time Orleans stored and the period.</summary>
    public async Task<(DateTimeOffset Start, TimeSpan Period)[]> RemindersAsync()
    {
        await using var connection = new NpgsqlConnection(platform.Database.ConnectionString);
        await connection.OpenAsync();
        // Orleans writes the grain id as "<type>/<key>"; the key alone is unique to the test.
        await using var command = new NpgsqlCommand(
            "SELECT start_time, period_ms FROM orleans_reminders WHERE grain_id LIKE '%/' || @key", connection);
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(DateTimeOffset, TimeSpan)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetFieldValue<DateTimeOffset>(0), TimeSpan.FromMilliseconds(reader.GetInt64(1))));
        return [.. rows];
    }

    /// <summary>Waits until this experiment has no reminder row left.</summary>
    public Task NoReminderAsync() =>
        Eventually.Until($"experiment {key}'s reminder to be unregistered", RemindersAsync, rows => rows.Length == 0,
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));

    /// <summary>The outbox alerts raised for this experiment, oldest first.</summary>
    public async Task<PendingAlert[]> AlertsAsync()
    {
        using var store = DocumentStore.For(o => MartenSetup.Configure(o, platform.Database.ConnectionString));
        await using var session = store.QuerySession();
        var alerts = await session.Query<PendingAlert>().Where(a => a.Experiment == key).OrderBy(a => a.RaisedAt).ToListAsync();
        return [.. alerts];
    }
}
