using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.Tests.Infrastructure;
using Npgsql;
using static Experimentation.Tests.Ingestion.IngestionScenario;

namespace Experimentation.Tests.Ingestion;

/// <summary>Each event counts once: retries, in-batch repeats and refused batches change nothing.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ExactlyOnceTests
{
    private readonly PlatformFixture _platform;

    public ExactlyOnceTests(PlatformFixture platform) => _platform = platform;

    [Fact]
    public async Task SendingEveryBatchTwiceChangesNothing()
    {
        var s = await CreateAsync(_platform.Grains);
        var t0 = DateTimeOffset.UtcNow.AddHours(-1);
        var batches = Enumerable.Range(0, 5).Select(b => Enumerable.Range(0, 40).SelectMany(u =>
        {
            var user = $"u{b}-{u}";
            return new[]
            {
                s.Exposure(user, u % 2 == 0 ? "control" : "green", t0),
                Metric(user, PurchaseType, u, t0.AddMinutes(1)),
                Metric(user, ClickType, 2, t0.AddMinutes(2)),
            };
        }).ToArray()).ToArray();

        foreach (var batch in batches) Assert.Equal((120, 0), await IngestAsync(_platform.Http, batch));
        var control = await s.SettledAsync(_platform.Grains, "control", 100);
        var green = await s.SettledAsync(_platform.Grains, "green", 100);

        foreach (var batch in batches) Assert.Equal((0, 120), await IngestAsync(_platform.Http, batch));
        foreach (var batch in batches) Assert.Equal((0, 120), await IngestAsync(_platform.Http, batch.Reverse()));
        var (probe, probeUsers) = await ProbeEveryShardAsync(_platform.Grains);
        await IngestAsync(_platform.Http, probeUsers.Select(u => probe.Exposure(u, "control", t0)));
        await probe.SettledAsync(_platform.Grains, "control", probeUsers.Length);

        Assert.Equivalent(control, await s.StatisticsAsync(_platform.Grains, "control"), strict: true);
        Assert.Equivalent(green, await s.StatisticsAsync(_platform.Grains, "green"), strict: true);
        // Users u0..u39 of 5 batches: control has the even u, values 0,2,..,38 each batch.
        var revenue = control.Total(s.Revenue);
        Assert.Equal(100, revenue.Count);
        Assert.Equal(5 * Enumerable.Range(0, 20).Sum(k => 2.0 * k), revenue.Values.TotalX);
        // Σx² − (Σx)²/n with Σx = 1,900 and Σx² = 49,400 over 100 users.
        Assert.Equal(13_300, Moments(revenue).SumSquaredDeviations, 9);
        Assert.Equal(100, control.Total(s.Converted).Conversions); // any purchase converts, even of value 0
        Assert.Equal(200, control.Total(s.RevenuePerClick).Values.TotalY);
        Assert.Equal(1, await RawRowsAsync(batches.SelectMany(b => b).Take(1)));
    }

    [Fact]
    public async Task AnEventIdRepeatedWithinOneBatchIsStoredOnce()
    {
        var s = await CreateAsync(_platform.Grains);
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var exposure = s.Exposure("repeat-user", "green", at);
        var purchase = Metric("repeat-user", PurchaseType, 7, at.AddSeconds(1));

        Assert.Equal((2, 2), await IngestAsync(_platform.Http, [exposure, purchase, purchase, exposure]));

        var green = await s.SettledAsync(_platform.Grains, "green", 1, st => st.Total(s.Revenue).Values.TotalX > 0);
        Assert.Equal(7, green.Total(s.Revenue).Values.TotalX);
    }

    [Fact]
    public async Task AMalformedBatchIsRefusedWholeNamingEachBadIndexAndFieldAndStoresNothing()
    {
        var s = await CreateAsync(_platform.Grains);
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var good = s.Exposure("malformed-user", "control", at);
        var body = $$"""
            [
              {{JsonSerializer.Serialize(good)}},
              { "eventId": "not-a-uuid", "type": "metric", "userId": "u", "timestamp": "{{at:O}}", "eventType": "purchase", "value": 1 },
              { "eventId": "{{Guid.NewGuid()}}", "type": "metric", "userId": 42, "timestamp": "2025-01-01 12:00", "eventType": "purchase" },
              { "eventId": "{{Guid.NewGuid()}}", "type": "exposure", "userId": "u", "timestamp": "{{at:O}}", "experiment": "{{s.Experiment}}" },
              { "eventId": "{{Guid.NewGuid()}}", "type": "click", "userId": "u", "timestamp": "{{at.AddYears(1):O}}" },
              "just a string"
            ]
            """;

        using var response = await _platform.Http.PostAsync("/api/events", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var fields = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Equal(
            new HashSet<string> { "[1].eventId", "[2].userId", "[2].timestamp", "[2].value", "[3].variant", "[4].type", "[4].timestamp", "[5].body" },
            fields);
        Assert.Equal(0, await RawRowsAsync([good]));
        Assert.Equal(0, (await s.StatisticsAsync(_platform.Grains, "control")).ExposedUsers);
    }

    [Fact]
    public async Task NdjsonIsAcceptedLikeAnArray()
    {
        var s = await CreateAsync(_platform.Grains);
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        object[] events = [s.Exposure("nd-1", "control", at), s.Exposure("nd-2", "green", at), Metric("nd-2", PurchaseType, 3, at.AddSeconds(1))];

        using var response = await PostNdjsonAsync(_platform.Http, events);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
        var green = await s.SettledAsync(_platform.Grains, "green", 1, st => st.Total(s.Revenue).Values.TotalX == 3);
        Assert.Equal(3, green.Total(s.Revenue).Values.TotalX);
    }

    [Fact]
    public async Task TheEmbeddedClientPathRefusesAnInvalidBatchAndStoresAValidOne()
    {
        var s = await CreateAsync(_platform.Grains);
        var ingestion = _platform.Grains.GetGrain<GrainInterfaces.Events.IEventIngestionGrain>(0);
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var exposure = new GrainInterfaces.Events.IngestEvent(Guid.NewGuid(), GrainInterfaces.Events.EventKind.Exposure, "client-user", at, s.Experiment, "green", null, null);

        var refused = await ingestion.Ingest([exposure, exposure with { EventId = Guid.NewGuid(), UserId = "" }]);
        var accepted = await ingestion.Ingest([exposure]);
        var again = await ingestion.Ingest([exposure]);

        Assert.Equal("[1].userId", Assert.Single(refused.Errors).Path);
        Assert.Equal((1, 0), (accepted.Accepted, accepted.Duplicates));
        Assert.Equal((0, 1), (again.Accepted, again.Duplicates));
        Assert.Equal(1, (await s.SettledAsync(_platform.Grains, "green", 1)).ExposedUsers);
    }

    [Fact]
    public async Task TheCSharpClientsExposureSinkDeliversHereExactlyOnce()
    {
        var s = await CreateAsync(_platform.Grains);
        var sink = new Experimentation.Client.Exposures.HttpExposureSink(_platform.Http);
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        Experimentation.Client.Exposures.ExposureEvent[] batch =
        [
            new(Guid.CreateVersion7(), "sink-1", at, s.Experiment, "control"),
            new(Guid.CreateVersion7(), "sink-2", at, s.Experiment, "green"),
        ];

        await sink.SendAsync(batch, CancellationToken.None);
        await sink.SendAsync(batch, CancellationToken.None);

        Assert.Equal(1, (await s.SettledAsync(_platform.Grains, "control", 1)).ExposedUsers);
        Assert.Equal(1, (await s.SettledAsync(_platform.Grains, "green", 1)).ExposedUsers);
        Assert.Equal(2, await RawRowsAsync(batch.Select(e => (object)new { eventId = e.EventId })));
    }

    private async Task<long> RawRowsAsync(IEnumerable<object> events)
    {
        var ids = events.Select(e => (Guid)e.GetType().GetProperty("eventId")!.GetValue(e)!).ToArray();
        await using var connection = new NpgsqlConnection(_platform.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM ingest.raw_events WHERE event_id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", ids);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
