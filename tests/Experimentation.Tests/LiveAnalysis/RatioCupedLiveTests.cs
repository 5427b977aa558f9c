using System.Text.Json;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.Statistics;
using Experimentation.Tests.Infrastructure;
using Experimentation.Tests.Ingestion;
using static Experimentation.Tests.Ingestion.IngestionScenario;
using static Experimentation.Tests.LiveAnalysis.LiveNumbers;

namespace Experimentation.Tests.LiveAnalysis;

/// <summary>
/// CUPED for ratio metrics in live results, fed through HTTP ingestion: revenue per session (a ratio metric) and spend
/// per purchase (an avg), each adjusted by the same ratio over the 14 days before each user's first exposure. The live
/// comparisons equal the engine on the same per-user values, and POST /api/analysis given their sums.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RatioCupedLiveTests(PlatformFixture platform)
{
    private const int UsersPerArm = 300;
    private static readonly string[] Arms = ["control", "green"];

    [Fact]
    public async Task ARatioMetricAndAnAvgAreAdjustedLiveAsTheEngineAdjustsTheSameUsers()
    {
        var (experiment, revenue, session, keys) = await StartAsync();
        var exposedAt = DateTimeOffset.UtcNow.AddHours(-1);
        var random = new Random(1402);
        // Per arm and user: revenue and sessions after and before exposure (the ratio metric's M, D, M', D'), and
        // the purchases' spend and count after and before (the avg's).
        var perSession = new (double M, double D, double PreM, double PreD)[2][];
        var perPurchase = new (double M, double D, double PreM, double PreD)[2][];
        var early = new List<object>();
        var exposures = new List<object>();
        var late = new List<object>();
        for (var a = 0; a < 2; a++)
        {
            perSession[a] = new (double, double, double, double)[UsersPerArm];
            perPurchase[a] = new (double, double, double, double)[UsersPerArm];
            for (var i = 0; i < UsersPerArm; i++)
            {
                var user = $"{experiment}-{Arms[a]}-{i}";
                exposures.Add(new { eventId = Guid.NewGuid(), type = "exposure", userId = user, timestamp = exposedAt, experiment, variant = Arms[a] });
                // A user's activity and spending level persist across exposure, which is what CUPED exploits; a third
                // of the users were not active before (their pre-period sessions and spend are 0).
                double level = 12 * Math.Exp(0.7 * Normal(random));
                int activity = 1 + random.Next(4);
                int sessionsBefore = i % 3 == 0 ? 0 : activity, sessionsAfter = Math.Max(1, activity + random.Next(-1, 2));
                var pre = Events(user, exposedAt, -1, sessionsBefore, level, 1.0, random, revenue, session);
                var post = Events(user, exposedAt, +1, sessionsAfter, level, a == 1 ? 1.04 : 1.0, random, revenue, session);
                perSession[a][i] = (post.Revenue, sessionsAfter, pre.Revenue, sessionsBefore);
                perPurchase[a][i] = (post.Revenue, post.Purchases, pre.Revenue, pre.Purchases);
                // Half of the pre-period arrives before the exposure and half after it (the late path); an event 20
                // days before is outside the pre-period.
                (i % 2 == 0 ? early : late).AddRange(pre.Events);
                early.Add(Metric(user, revenue, 500, exposedAt.AddDays(-20)));
                late.AddRange(post.Events);
            }
        }
        foreach (var batch in early.Chunk(2000)) await IngestAsync(platform.Http, batch);
        foreach (var batch in exposures.Chunk(2000)) await IngestAsync(platform.Http, batch);
        foreach (var batch in late.Chunk(2000)) await IngestAsync(platform.Http, batch);

        var expected = new[] { Fold(perSession), Fold(perPurchase) };
        var live = await Eventually.Until($"{experiment} to show every user's sessions and purchases with their pre-period",
            async () => JsonDocument.Parse(await platform.Http.GetStringAsync($"/api/experiments/{experiment}/results")).RootElement.Clone(),
            r => Settled(r, keys, expected), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100), r => r.GetRawText());

        for (var m = 0; m < 2; m++)
        {
            var comparison = MetricOf(live, keys[m]).GetProperty("comparisons")[0];
            var cuped = comparison.GetProperty("cuped");
            Assert.True(cuped.GetProperty("applied").GetBoolean(), comparison.GetRawText());
            Assert.Equal(14, cuped.GetProperty("preDays").GetInt32());

            var engine = ExperimentAnalyzer.Analyze(new ExperimentInput(
                [new ArmInput("control", 1, UsersPerArm), new ArmInput("green", 1, UsersPerArm)],
                [new MetricInput("m", AnalysisRole.Primary, MetricSamples.Of(expected[m][0].Post, expected[m][1].Post),
                    Cuped: CupedInput.OfRatios(expected[m], 14))],
                ExperimentSettings.Default)).Report.Metrics[0].Comparisons[0];
            Close(engine.Delta!.Value, comparison.GetProperty("delta").GetDouble(), "delta");
            Close(engine.StandardError!.Value, comparison.GetProperty("standardError").GetDouble(), "standardError");
            Close(engine.PValue!.Value, comparison.GetProperty("pValue").GetDouble(), "pValue");
            Close(engine.LiftConfidenceInterval.Upper!.Value, comparison.GetProperty("liftConfidenceInterval").GetProperty("upper").GetDouble(), "lift upper");
            Close(engine.Cuped!.Theta!.Value, cuped.GetProperty("theta").GetDouble(), "theta");
            Close(engine.Cuped.VarianceReduction!.Value, cuped.GetProperty("varianceReduction").GetDouble(), "varianceReduction");
            // The pre-period predicts the post-period here, so the adjustment must actually narrow the interval.
            Assert.InRange(cuped.GetProperty("varianceReduction").GetDouble(), 0.1, 0.95);

            await AssertTheAnalysisApiAgreesAsync(m == 0 ? perSession : perPurchase, comparison);
        }
    }

    private static (List<object> Events, double Revenue, int Purchases) Events(string user, DateTimeOffset exposedAt, int sign, int sessions,
        double level, double lift, Random random, string revenueType, string sessionType)
    {
        var events = new List<object>();
        double revenue = 0;
        int purchases = 0;
        for (var s = 0; s < sessions; s++)
        {
            // Before exposure one session a day; after it, minutes apart (the exposure was an hour ago).
            var at = sign < 0 ? exposedAt.AddDays(-(1 + s)) : exposedAt.AddMinutes(5 * (1 + s));
            events.Add(Metric(user, sessionType, 1, at));
            if (random.NextDouble() < 0.1) continue;
            double value = Math.Round(lift * level * (0.8 + 0.4 * random.NextDouble()), 2);
            events.Add(Metric(user, revenueType, value, at.AddMinutes(1)));
            revenue += value;
            purchases++;
        }
        return (events, revenue, purchases);
    }

    private static RatioCupedSample[] Fold((double M, double D, double PreM, double PreD)[][] arms) =>
        arms.Select(users => users.Aggregate(default(RatioCupedSample), (s, u) => s.Add(u.M, u.D, u.PreM, u.PreD))).ToArray();

    // POST /api/analysis with the same users' sums, the ratio covariate included, gives the live comparison.
    private async Task AssertTheAnalysisApiAgreesAsync((double M, double D, double PreM, double PreD)[][] users, JsonElement live)
    {
        var arms = users.Select((u, a) => (object)new
        {
            key = Arms[a], control = a == 0, n = u.Length,
            sumNumerator = u.Sum(x => x.M), sumDenominator = u.Sum(x => x.D), sumNumeratorSquares = u.Sum(x => x.M * x.M),
            sumDenominatorSquares = u.Sum(x => x.D * x.D), sumProducts = u.Sum(x => x.M * x.D),
            ratioCovariate = new
            {
                sumNumerator = u.Sum(x => x.PreM), sumNumeratorSquares = u.Sum(x => x.PreM * x.PreM), sumDenominator = u.Sum(x => x.PreD),
                sumDenominatorSquares = u.Sum(x => x.PreD * x.PreD), sumProducts = u.Sum(x => x.PreM * x.PreD),
                sumNumeratorPreNumerator = u.Sum(x => x.M * x.PreM), sumNumeratorPreDenominator = u.Sum(x => x.M * x.PreD),
                sumDenominatorPreNumerator = u.Sum(x => x.D * x.PreM), sumDenominatorPreDenominator = u.Sum(x => x.D * x.PreD),
            },
        }).ToArray();
        using var response = await platform.Http.PostJson("/api/analysis", JsonSerializer.Serialize(new
        {
            metricType = "ratio", arms, options = new { correction = "none", mde = 0.02, decisionMode = "sequential" },
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var analysed = JsonDocument.Parse(body).RootElement.GetProperty("comparisons")[0];
        // Raw sums of values near 10 over 300 users keep about 12 digits of the moments.
        foreach (var path in new[] { "delta", "standardError", "pValue", "degreesOfFreedom", "lift" })
            Close(live.GetProperty(path).GetDouble(), analysed.GetProperty(path).GetDouble(), path, 1e-8);
        Close(live.GetProperty("cuped").GetProperty("theta").GetDouble(), analysed.GetProperty("cuped").GetProperty("theta").GetDouble(), "theta", 1e-8);
    }

    private async Task<(string Experiment, string Revenue, string Session, string[] Metrics)> StartAsync()
    {
        var (experiment, revenue, session) = (Samples.Key("rcuped"), Samples.Key("rcuped-revenue"), Samples.Key("rcuped-session"));
        var (perSession, perPurchase) = (Samples.Key("rcuped-per-session"), Samples.Key("rcuped-per-purchase"));
        var registry = platform.Grains.GetGrain<IMetricRegistryGrain>(0);
        await registry.Create(new MetricDefinition(perSession, "Revenue per session", MetricType.Ratio, revenue, MetricAggregation.Sum, revenue, session, default));
        await registry.Create(new MetricDefinition(perPurchase, "Spend per purchase", MetricType.Mean, revenue, MetricAggregation.Avg, null, null, default));
        var grain = platform.Grains.GetGrain<IExperimentGrain>(experiment);
        var created = await grain.Create(Samples.Ab() with
        {
            Metrics =
            [
                new MetricBinding(perSession, MetricRole.Primary, MetricDirection.HigherBetter, 0.05),
                new MetricBinding(perPurchase, MetricRole.Informational, MetricDirection.HigherBetter, 0.05),
            ],
        });
        Assert.True(created.Accepted, created.Error?.Message);
        Assert.True((await grain.Start()).Accepted);
        // The ratio's numerator events are the revenue events, its denominator the sessions.
        return (experiment, revenue, session, [perSession, perPurchase]);
    }

    private static JsonElement MetricOf(JsonElement report, string key) =>
        LiveReports.Analysis(report).GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("key").GetString() == key);

    private static bool Settled(JsonElement report, string[] keys, RatioCupedSample[][] expected)
    {
        if (!LiveReports.Units(report).SequenceEqual([UsersPerArm, UsersPerArm])) return false;
        for (var m = 0; m < expected.Length; m++)
        {
            var arms = MetricOf(report, keys[m]).GetProperty("arms");
            for (var a = 0; a < 2; a++)
            {
                if (!arms[a].TryGetProperty("covariate", out var covariate) || covariate.ValueKind != JsonValueKind.Object) return false;
                if (arms[a].GetProperty("mean").ValueKind != JsonValueKind.Number || covariate.GetProperty("mean").ValueKind != JsonValueKind.Number) return false;
                if (Math.Abs(arms[a].GetProperty("mean").GetDouble() - expected[m][a].Post.Ratio) > 1e-9 * Math.Abs(expected[m][a].Post.Ratio)) return false;
                if (Math.Abs(covariate.GetProperty("mean").GetDouble() - expected[m][a].Pre.Ratio) > 1e-9 * Math.Abs(expected[m][a].Pre.Ratio)) return false;
            }
        }
        return true;
    }
}
