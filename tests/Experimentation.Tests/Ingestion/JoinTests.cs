using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Tests.Infrastructure;
using static Experimentation.Tests.Ingestion.IngestionScenario;

namespace Experimentation.Tests.Ingestion;

/// <summary>The join: only exposed users count, and only their events at or after the first exposure.</summary>
[Collection(PlatformCollection.Name)]
public sealed class JoinTests
{
    private readonly PlatformFixture _platform;

    public JoinTests(PlatformFixture platform) => _platform = platform;

    [Fact]
    public async Task AMetricEventBeforeExposureIsNotCounted()
    {
        var s = await CreateAsync(_platform.Grains);
        var t = DateTimeOffset.UtcNow.AddHours(-2);

        await IngestAsync(_platform.Http, [Metric("early", PurchaseType, 100, t), Metric("never-exposed", PurchaseType, 50, t)]);
        await IngestAsync(_platform.Http, [s.Exposure("early", "green", t.AddMinutes(10))]);
        await IngestAsync(_platform.Http, [Metric("early", PurchaseType, 5, t.AddMinutes(20))]);

        var green = await s.SettledAsync(_platform.Grains, "green", 1, st => st.Total(s.Revenue).Values.TotalX == 5);
        Assert.Equal(MetricSums.OfValue(5), green.Total(s.Revenue));
        Assert.Equal(0, (await s.StatisticsAsync(_platform.Grains, "control")).ExposedUsers);
    }

    [Fact]
    public async Task AMetricThatArrivesBeforeItsLaterExposureCountsWhenTheExposureComes()
    {
        var s = await CreateAsync(_platform.Grains);
        var t = DateTimeOffset.UtcNow.AddHours(-2);

        // Delivered out of order: the purchase (t+5) arrives first, then the exposure (t), then an earlier exposure (t-1h).
        await IngestAsync(_platform.Http, [Metric("late", PurchaseType, 9, t.AddMinutes(5)), Metric("late", ClickType, 3, t.AddMinutes(-30))]);
        await IngestAsync(_platform.Http, [s.Exposure("late", "control", t)]);
        var first = await s.SettledAsync(_platform.Grains, "control", 1, st => st.Total(s.Revenue).Values.TotalX == 9);
        await IngestAsync(_platform.Http, [s.Exposure("late", "control", t.AddHours(-1))]);
        var refolded = await s.SettledAsync(_platform.Grains, "control", 1, st => st.Total(s.RevenuePerClick).Values.TotalY == 3);

        Assert.Equal(9, first.Total(s.Revenue).Values.TotalX);
        Assert.Equal(0, first.Total(s.RevenuePerClick).Values.TotalY);
        Assert.Equal(MetricSums.OfRatio(9, 3), refolded.Total(s.RevenuePerClick));
        Assert.Equal(1, refolded.ExposedUsers);
    }

    [Fact]
    public async Task MismatchedExposuresAreCountedSeparatelyAndNotAnalysed()
    {
        var s = await CreateAsync(_platform.Grains);
        var draft = await CreateAsync(_platform.Grains, start: false);
        var t = DateTimeOffset.UtcNow.AddMinutes(-30);

        await IngestAsync(_platform.Http,
        [
            s.Exposure("m1", "control", t),
            s.Exposure("m1", "green", t.AddMinutes(1)),   // conflicts with m1's first variant
            s.Exposure("m2", "purple", t),                // no such variant
            draft.Exposure("m3", "control", t),           // not running
            s.Exposure("m4", "green", t),
        ]);

        await s.SettledAsync(_platform.Grains, "green", 1);
        var mismatches = await Eventually.Until("two mismatches counted for the running experiment",
            () => _platform.Grains.GetGrain<IExposureMismatchGrain>(s.Experiment).Get(), m => m.Total == 2);
        Assert.Equal(new MismatchCounts(0, 1, 1), mismatches);
        Assert.Equal(new MismatchCounts(1, 0, 0), await Eventually.Until("one mismatch counted for the draft",
            () => _platform.Grains.GetGrain<IExposureMismatchGrain>(draft.Experiment).Get(), m => m.Total == 1));
        Assert.Equal(1, (await s.StatisticsAsync(_platform.Grains, "control")).ExposedUsers);
        Assert.Equal(1, (await s.StatisticsAsync(_platform.Grains, "green")).ExposedUsers);
        Assert.Equal(0, (await draft.StatisticsAsync(_platform.Grains, "control")).ExposedUsers);
    }

    [Fact]
    public async Task TheEarliestExposureDecidesTheVariantEvenWhenItArrivesLast()
    {
        var s = await CreateAsync(_platform.Grains);
        var t = DateTimeOffset.UtcNow.AddHours(-2);

        // The green exposure (t+30) arrives first, with a purchase at t+10 that is before it; then control's at t.
        await IngestAsync(_platform.Http, [s.Exposure("both", "green", t.AddMinutes(30)), Metric("both", PurchaseType, 8, t.AddMinutes(10))]);
        var first = await s.SettledAsync(_platform.Grains, "green", 1);
        await IngestAsync(_platform.Http, [s.Exposure("both", "control", t)]);

        var control = await s.SettledAsync(_platform.Grains, "control", 1, st => st.Total(s.Revenue).Values.TotalX == 8);
        var green = await s.SettledAsync(_platform.Grains, "green", 0);
        Assert.Equal(0, first.Total(s.Revenue).Values.TotalX);
        Assert.Equal(1, control.Total(s.Revenue).Count);
        Assert.Empty(green.Metrics);
        Assert.Equal(new MismatchCounts(0, 0, 1), await Eventually.Until("the green exposure counted as the conflicting one",
            () => _platform.Grains.GetGrain<IExposureMismatchGrain>(s.Experiment).Get(), m => m.Total == 1));
    }

    [Fact]
    public async Task ExposuresAreBucketedByTheDayOfFirstExposure()
    {
        var s = await CreateAsync(_platform.Grains);
        var today = DateTimeOffset.UtcNow;
        var yesterday = today.AddDays(-1);

        await IngestAsync(_platform.Http,
        [
            s.Exposure("d1", "green", yesterday), s.Exposure("d2", "green", today), s.Exposure("d3", "green", today),
            Metric("d1", PurchaseType, 4, today), Metric("d2", PurchaseType, 6, today),
        ]);

        var green = await s.SettledAsync(_platform.Grains, "green", 3, st => st.Total(s.Revenue).Values.TotalX == 10);
        Assert.Equal(
            [new ExposureBucket(DateOnly.FromDateTime(yesterday.UtcDateTime), 1), new ExposureBucket(DateOnly.FromDateTime(today.UtcDateTime), 2)],
            green.Exposures);
        // d3 bought nothing: still a unit of the metric, at 0.
        Assert.Equal((3L, 1L, 10.0), (green.Total(s.Revenue).Count, green.Total(s.Revenue).Values.Zeros, green.Total(s.Revenue).Values.TotalX));
    }
}
