using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.Statistics;
using Experimentation.Tests.Infrastructure;
using static Experimentation.Tests.Ingestion.IngestionScenario;

namespace Experimentation.Tests.Ingestion;

/// <summary>
/// An avg metric is Σ value / Σ events over every exposed user, so its units are the exposures: a treatment that makes
/// more users buy does not look like a broken split.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AvgMetricTests
{
    private const int UsersPerArm = 2_000;
    private readonly PlatformFixture _platform;

    public AvgMetricTests(PlatformFixture platform) => _platform = platform;

    // Control: 30% of users buy once. Green: 50% buy, a fifth of them twice. Values 20 to 26.
    private static int Purchases(string arm, int i) => arm == "control" ? (i % 10 < 3 ? 1 : 0) : i % 10 == 0 ? 2 : i % 10 < 5 ? 1 : 0;

    private static double Value(int i, int k) => 20 + (i + k) % 7;

    [Fact]
    public async Task AnAvgMetricCountsEveryExposedUserSoMoreBuyersInTreatmentShowNoSampleRatioMismatch()
    {
        var (experiment, basket) = await CreateAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        var events = new List<object>();
        foreach (var arm in new[] { "control", "green" })
            for (var i = 0; i < UsersPerArm; i++)
            {
                var user = $"avg-{run}-{arm}-{i}";
                events.Add(new { eventId = Guid.NewGuid(), type = "exposure", userId = user, timestamp = at, experiment, variant = arm });
                for (var k = 0; k < Purchases(arm, i); k++) events.Add(Metric(user, PurchaseType, Value(i, k), at.AddMinutes(1 + k)));
            }
        foreach (var batch in events.Chunk(5_000)) await IngestAsync(_platform.Http, batch);

        var units = new List<long>();
        var buyers = new List<long>();
        foreach (var arm in new[] { "control", "green" })
        {
            var purchases = Enumerable.Range(0, UsersPerArm).Sum(i => Purchases(arm, i));
            var stats = await Eventually.Until($"{arm} to hold {UsersPerArm} users and {purchases} purchases",
                () => _platform.Grains.GetGrain<IVariantAggregatorGrain>(IVariantAggregatorGrain.KeyOf(experiment, arm)).Get(),
                s => s.ExposedUsers == UsersPerArm && s.Total(basket).Values.TotalY == purchases);
            var sums = stats.Total(basket).Values;
            Assert.Equal(UsersPerArm, sums.Count);
            Assert.Equal(Enumerable.Range(0, UsersPerArm).Sum(i => Enumerable.Range(0, Purchases(arm, i)).Sum(k => Value(i, k))), sums.TotalX);
            units.Add(sums.Count);
            buyers.Add(sums.Count - sums.Zeros);
        }

        var srm = SampleRatioMismatch.Test(units.ToArray(), [1.0, 1.0]);
        Assert.False(srm.IsMismatch, $"SRM p = {srm.PValue}");
        // Counting only the users with events, as avg metrics did, would flag 600 against 1,000 buyers.
        Assert.Equal(new long[] { 600, 1_000 }, buyers);
        Assert.True(SampleRatioMismatch.Test(buyers.ToArray(), [1.0, 1.0]).IsMismatch);

        // The live report over HTTP: the metric's units are the exposures, analysed as a ratio, and no SRM.
        var report = System.Text.Json.JsonDocument.Parse(await _platform.Http.GetStringAsync($"/api/experiments/{experiment}/results")).RootElement;
        Assert.False(LiveReports.Analysis(report).GetProperty("srm").GetProperty("flagged").GetBoolean());
        var metric = LiveReports.Metric(report, 0);
        Assert.Equal("ratio", metric.GetProperty("metricType").GetString());
        Assert.Equal(units, metric.GetProperty("arms").EnumerateArray().Select(a => a.GetProperty("n").GetInt64()));
        Assert.NotEqual("srm_warning", metric.GetProperty("comparisons")[0].GetProperty("badge").GetString());
    }

    private async Task<(string Experiment, string Basket)> CreateAsync()
    {
        var (experiment, basket) = (Samples.Key("avg"), Samples.Key("basket"));
        var registry = _platform.Grains.GetGrain<IMetricRegistryGrain>(0);
        Assert.True((await registry.Create(new MetricDefinition(basket, "Average purchase", MetricType.Mean, PurchaseType, MetricAggregation.Avg, null, null, default))).Accepted);
        var grain = _platform.Grains.GetGrain<IExperimentGrain>(experiment);
        Assert.True((await grain.Create(Samples.Ab() with
        {
            Metrics = [new MetricBinding(basket, MetricRole.Primary, MetricDirection.HigherBetter, 0.05)],
        })).Accepted);
        Assert.True((await grain.Start()).Accepted);
        return (experiment, basket);
    }
}
