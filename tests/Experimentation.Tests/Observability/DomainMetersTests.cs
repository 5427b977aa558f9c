using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Experimentation.Grains.Observability;
using Experimentation.Tests.Infrastructure;
using static Experimentation.Tests.Ingestion.IngestionScenario;

namespace Experimentation.Tests.Observability;

/// <summary>
/// The domain meters count what ingestion did (docs/observability.md). Other tests ingest in the same process at the
/// same time, so each count is checked as at least what this test caused.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DomainMetersTests(PlatformFixture platform) : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _totals = new();
    private readonly MeterListener _listener = new();

    [Fact]
    public async Task AcceptedDuplicateRejectedAndCommitsAreMeasured()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DomainMeters.Name) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _totals.AddOrUpdate(instrument.Name, value, (_, v) => v + value));
        _listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => _totals.AddOrUpdate(instrument.Name, 1, (_, v) => v + 1));
        _listener.Start();

        var s = await CreateAsync(platform.Grains);
        var t0 = DateTimeOffset.UtcNow.AddHours(-1);
        var batch = Enumerable.Range(0, 50).SelectMany(u => new[] { s.Exposure($"meter-{u}", "control", t0), Metric($"meter-{u}", PurchaseType, 1, t0.AddMinutes(1)) }).ToArray();
        Assert.Equal((100, 0), await IngestAsync(platform.Http, batch));
        Assert.Equal((0, 100), await IngestAsync(platform.Http, batch));
        var invalid = new[] { new { eventId = Guid.NewGuid(), type = "metric", userId = "", timestamp = t0, eventType = PurchaseType, value = 1.0 } };
        using (var refused = await PostNdjsonAsync(platform.Http, invalid)) Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        Assert.True(Total("experimentation.events.accepted") >= 100, Show());
        Assert.True(Total("experimentation.events.duplicate") >= 100, Show());
        Assert.True(Total("experimentation.events.rejected") >= 1, Show());
        Assert.True(Total("experimentation.shard.commit.events") >= 200, Show());
        Assert.True(Total("experimentation.shard.commit.duration") >= 2, Show());
    }

    public void Dispose() => _listener.Dispose();

    private long Total(string name) => _totals.GetValueOrDefault(name);

    private string Show() => string.Join(", ", _totals.OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}"));
}
