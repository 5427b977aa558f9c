using Experimentation.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Experimentation.Tests.Persistence;

/// <summary>
/// The Orleans ADO.NET reminder provider on the project's own schema (Sql/orleans-reminders.sql): the silo's real
/// IReminderTable, so the provider's parameter binding and column reading run against our queries.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AdoNetReminderTableTests(PlatformFixture platform)
{
    private IReminderTable Table => platform.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();

    [Fact]
    public async Task ARowReadsBackAsWrittenAndAnUpdateChangesItsETag()
    {
        var grain = GrainId.Create("schedule-test", Guid.NewGuid().ToString("N"));
        // Milliseconds: PostgreSQL keeps microseconds, DateTime ticks are 100 ns. The period is above int.MaxValue ms,
        // where the provider binds a bigint instead of an int.
        var startAt = new DateTime(2026, 5, 1, 8, 30, 15, 123, DateTimeKind.Utc);
        var period = TimeSpan.FromDays(30);

        var first = await Table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "a", StartAt = startAt, Period = period });
        var read = await Table.ReadRow(grain, "a");
        var second = await Table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "a", StartAt = startAt.AddHours(1), Period = TimeSpan.FromMinutes(1) });
        var updated = await Table.ReadRow(grain, "a");

        Assert.NotNull(first);
        Assert.Equal((grain, "a", startAt, period, first), (read!.GrainId, read.ReminderName, read.StartAt.ToUniversalTime(), read.Period, read.ETag));
        Assert.NotEqual(first, second);
        Assert.Equal((startAt.AddHours(1), TimeSpan.FromMinutes(1), second), (updated!.StartAt.ToUniversalTime(), updated.Period, updated.ETag));
        Assert.Null(await Table.ReadRow(grain, "b"));
    }

    [Fact]
    public async Task RemovingNeedsTheCurrentETag()
    {
        var grain = GrainId.Create("schedule-test", Guid.NewGuid().ToString("N"));
        var stale = await Table.UpsertRow(Entry(grain, "a"));
        var current = await Table.UpsertRow(Entry(grain, "a"));
        await Table.UpsertRow(Entry(grain, "b"));

        Assert.False(await Table.RemoveRow(grain, "a", stale!));
        Assert.True(await Table.RemoveRow(grain, "a", current!));
        Assert.False(await Table.RemoveRow(grain, "a", current!));
        Assert.Equal(["b"], (await Table.ReadRows(grain)).Reminders.Select(r => r.ReminderName));
    }

    [Fact]
    public async Task RangeReadsTakeTheHalfOpenRangeOfHashesAndARangeThatWrapsTakesBothEnds()
    {
        var grain = GrainId.Create("schedule-test", Guid.NewGuid().ToString("N"));
        await Table.UpsertRow(Entry(grain, "a"));
        var hash = grain.GetUniformHashCode();

        // (begin, end]: the provider picks its query by comparing the bounds as int, as it stores the hash.
        Assert.True(await Contains(hash - 1, hash));
        Assert.False(await Contains(hash, hash + 1));
        // Wrapping ranges: everything above begin or up to end.
        Assert.True(await Contains(hash + 1, hash));
        Assert.False(await Contains(hash, hash - 1));

        async Task<bool> Contains(uint begin, uint end) =>
            (await Table.ReadRows(begin, end)).Reminders.Any(r => r.GrainId == grain);
    }

    private static ReminderEntry Entry(GrainId grain, string name) =>
        new() { GrainId = grain, ReminderName = name, StartAt = DateTime.UtcNow.AddHours(1), Period = TimeSpan.FromMinutes(1) };
}
