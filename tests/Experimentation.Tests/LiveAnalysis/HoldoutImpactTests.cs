using System.Text.Json;
using Experimentation.Assignment;
using Experimentation.GrainInterfaces.Config;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.Statistics;
using Experimentation.Tests.Infrastructure;
using Experimentation.Tests.Ingestion;
using static Experimentation.Tests.Ingestion.IngestionScenario;
using static Experimentation.Tests.LiveAnalysis.LiveNumbers;

namespace Experimentation.Tests.LiveAnalysis;

/// <summary>
/// The global holdout's impact through HTTP ingestion: held-out users logged as the SDK does (the reserved experiment
/// and variant), other users exposed to one or two experiments, and GET /api/holdout/results comparing the holdout
/// analysis' bound metric between the two groups. A user in two experiments counts once.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class HoldoutImpactTests(PlatformFixture platform)
{
    private const int HeldOut = 200, OnlyA = 300, OnlyB = 150, Both = 150;

    [Fact]
    public async Task TheHoldoutComparisonCountsEachExposedUserOnceAndEqualsTheEngine()
    {
        var revenue = Samples.Key("holdout-revenue");
        await platform.Grains.GetGrain<IMetricRegistryGrain>(0).Create(
            new MetricDefinition(revenue, "Revenue", MetricType.Mean, revenue, MetricAggregation.Sum, null, null, default));
        var (a, b) = (await StartExperimentAsync("holdout-a"), await StartExperimentAsync("holdout-b"));
        var holdout = platform.Grains.GetGrain<IExperimentGrain>(GlobalHoldout.ExperimentKey);
        var created = await holdout.Create(Samples.Ab("Global holdout impact") with
        {
            Type = ExperimentType.Holdout,
            // The weights are the expected split of the users this test logs, so SRM stays quiet.
            Variants = [new VariantDefinition(GlobalHoldout.HoldoutVariant, 1, "{}", IsControl: true), new VariantDefinition(GlobalHoldout.ExposedVariant, 3, "{}", IsControl: false)],
            Metrics = [new MetricBinding(revenue, MetricRole.Primary, MetricDirection.HigherBetter, 0.05)],
            CupedPreDays = 0,
        });
        Assert.True(created.Accepted, created.Error?.Message);
        Assert.True((await holdout.Start()).Accepted);

        var at = DateTimeOffset.UtcNow.AddSeconds(30);
        var events = new List<object>();
        var values = new List<double>[] { [], [] };
        var random = new Random(1403);
        void User(string user, int group, params string[] experiments)
        {
            if (group == 0)
                events.Add(new { eventId = Guid.NewGuid(), type = "exposure", userId = user, timestamp = at, experiment = GlobalHoldout.ExperimentKey, variant = GlobalHoldout.HoldoutVariant });
            for (var k = 0; k < experiments.Length; k++)
                events.Add(new { eventId = Guid.NewGuid(), type = "exposure", userId = user, timestamp = at.AddSeconds(k), experiment = experiments[k], variant = "green" });
            // Everything shipped adds about 10% revenue on top of a per-user 9 ± 3.
            double y = Math.Round((group == 1 ? 9.9 : 9) + 3 * (random.NextDouble() - 0.5) * 3.46, 2);
            values[group].Add(y);
            events.Add(Metric(user, revenue, y, at.AddMinutes(2)));
        }
        for (var i = 0; i < HeldOut; i++) User($"held-{a}-{i}", 0);
        for (var i = 0; i < OnlyA; i++) User($"a-{a}-{i}", 1, a);
        for (var i = 0; i < OnlyB; i++) User($"b-{a}-{i}", 1, b);
        for (var i = 0; i < Both; i++) User($"ab-{a}-{i}", 1, a, b);
        foreach (var batch in events.Chunk(2000)) await IngestAsync(platform.Http, batch);

        var report = await Eventually.Until("the holdout analysis to count every user once",
            async () => JsonDocument.Parse(await platform.Http.GetStringAsync("/api/holdout/results")).RootElement.Clone(),
            r => LiveReports.Units(r).SequenceEqual([HeldOut, OnlyA + OnlyB + Both])
                && LiveReports.Metric(r, 0).GetProperty("arms")[1].GetProperty("mean").ValueKind == JsonValueKind.Number
                && Math.Abs(LiveReports.Metric(r, 0).GetProperty("arms")[1].GetProperty("mean").GetDouble() - values[1].Average()) < 1e-9,
            TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100), r => r.GetRawText());

        var comparison = LiveReports.Metric(report, 0).GetProperty("comparisons")[0];
        Assert.Equal(GlobalHoldout.ExposedVariant, comparison.GetProperty("treatment").GetString());
        Assert.Equal(GlobalHoldout.HoldoutVariant, comparison.GetProperty("control").GetString());
        var engine = WelchTest.Compare(SampleMean.FromValues(values[0].ToArray()), SampleMean.FromValues(values[1].ToArray()));
        Close(engine.Lift, comparison.GetProperty("lift").GetDouble(), "lift");
        Close(engine.LiftConfidenceInterval.Lower, comparison.GetProperty("liftConfidenceInterval").GetProperty("lower").GetDouble(), "lift lower");
        Close(engine.LiftConfidenceInterval.Upper, comparison.GetProperty("liftConfidenceInterval").GetProperty("upper").GetDouble(), "lift upper");
        Assert.True(engine.LiftConfidenceInterval.Lower > 0, "about 10% cumulative lift over 600 and 200 users is significant");

        // The reserved analysis is never assigned: it is not in the config bundle.
        var bundle = await platform.Grains.GetGrain<IConfigGrain>(0).Get();
        Assert.DoesNotContain(bundle.Experiments, e => e.Key == GlobalHoldout.ExperimentKey);
        Assert.Contains(bundle.Experiments, e => e.Key == a);
    }

    private async Task<string> StartExperimentAsync(string prefix)
    {
        var key = Samples.Key(prefix);
        var grain = platform.Grains.GetGrain<IExperimentGrain>(key);
        Assert.True((await grain.Create(Samples.Ab())).Accepted);
        Assert.True((await grain.Start()).Accepted);
        return key;
    }
}
