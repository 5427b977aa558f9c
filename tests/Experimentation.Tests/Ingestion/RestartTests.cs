using Experimentation.Tests.Infrastructure;
using static Experimentation.Tests.Ingestion.IngestionScenario;

namespace Experimentation.Tests.Ingestion;

/// <summary>Counts survive a restart of the silo: shards recover from their snapshot and the log written after it.</summary>
[Collection(RestartCollection.Name)]
public sealed class RestartTests
{
    private readonly PlatformFixture _platform;

    public RestartTests(PlatformFixture platform) => _platform = platform;

    [Fact]
    public async Task ARestartKeepsCountsAndRetriesAfterItAreStillDuplicates()
    {
        var s = await CreateAsync(_platform.Grains);
        var t = DateTimeOffset.UtcNow.AddHours(-1);
        var batch = Enumerable.Range(0, 300).SelectMany(u => new[]
        {
            s.Exposure($"r{u}", u % 3 == 0 ? "control" : "green", t.AddSeconds(u)),
            Metric($"r{u}", PurchaseType, u % 7, t.AddSeconds(u + 1)),
        }).ToArray();
        await IngestAsync(_platform.Http, batch);
        var control = await s.SettledAsync(_platform.Grains, "control", 100);
        var green = await s.SettledAsync(_platform.Grains, "green", 200);

        await _platform.RestartAsync();

        Assert.Equal((0, 600), await IngestAsync(_platform.Http, batch));
        Assert.Equivalent(control, await s.StatisticsAsync(_platform.Grains, "control"), strict: true);
        Assert.Equivalent(green, await s.StatisticsAsync(_platform.Grains, "green"), strict: true);
        await IngestAsync(_platform.Http, [Metric("r3", PurchaseType, 1000, t.AddHours(1))]);
        var after = await s.SettledAsync(_platform.Grains, "control", 100, st => st.Total(s.Revenue).Values.TotalX > control.Total(s.Revenue).Values.TotalX);
        Assert.Equal(control.Total(s.Revenue).Values.TotalX + 1000, after.Total(s.Revenue).Values.TotalX);
    }
}
