using System.Net;
using System.Text.Json;
using Experimentation.Grains.Ingestion;
using Experimentation.Tests.Infrastructure;
using Npgsql;
using static Experimentation.Tests.Ingestion.IngestionScenario;

namespace Experimentation.Tests.Ingestion;

/// <summary>Raw events live in day partitions that are dropped after the retention; events older than it are refused.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RetentionTests
{
    private readonly PlatformFixture _platform;

    public RetentionTests(PlatformFixture platform) => _platform = platform;

    [Fact]
    public async Task PartitionsOlderThanTheRetentionAreDroppedAndNewerOnesKept()
    {
        // A retention shorter than the silo's own 90 days, so its background sweep can never drop these first.
        const int retentionDays = 30;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using var source = NpgsqlDataSource.Create(_platform.Database.ConnectionString);
        var store = new RawEventStore(source);
        await store.EnsurePartitionsAsync([today.AddDays(-retentionDays - 1), today.AddDays(-retentionDays + 1), today]);

        var dropped = await store.DropExpiredPartitionsAsync(retentionDays);

        // At least this test's expired day; the database is shared, so the names below say exactly which went.
        Assert.True(dropped >= 1, $"{dropped} partitions dropped");
        await using var command = source.CreateCommand(
            "SELECT to_regclass(@old) IS NULL, to_regclass(@kept) IS NOT NULL, to_regclass(@today) IS NOT NULL");
        command.Parameters.AddWithValue("old", $"ingest.raw_events_{today.AddDays(-retentionDays - 1):yyyyMMdd}");
        command.Parameters.AddWithValue("kept", $"ingest.raw_events_{today.AddDays(-retentionDays + 1):yyyyMMdd}");
        command.Parameters.AddWithValue("today", $"ingest.raw_events_{today:yyyyMMdd}");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((true, true, true), (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2)));
    }

    [Fact]
    public async Task AnEventOlderThanTheRetentionIsRefusedSoItsRetryCanNeverEscapeDedupe()
    {
        var s = await CreateAsync(_platform.Grains);

        using var response = await PostAsync(_platform.Http, [s.Exposure("old-user", "green", DateTimeOffset.UtcNow.AddDays(-95))]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("retention", problem.RootElement.GetProperty("errors").GetProperty("[0].timestamp")[0].GetString());
    }
}
