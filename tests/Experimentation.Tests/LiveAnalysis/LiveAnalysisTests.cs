using System.Net;
using System.Text.Json;
using Experimentation.GrainInterfaces.Analysis;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Tests.Infrastructure;
using Experimentation.Tests.Ingestion;

namespace Experimentation.Tests.LiveAnalysis;

/// <summary>
/// The analysis grain through HTTP ingestion: persisted looks whose always-valid numbers never go back, SRM over
/// every arm, replay as of a time, the look schedule and the decision mode.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class LiveAnalysisTests(PlatformFixture platform)
{
    private static readonly DateTimeOffset Day = DateTimeOffset.UtcNow.AddHours(-2);

    [Fact]
    public async Task LateConversionsForEarlyUsersNeverRaiseTheAlwaysValidP()
    {
        // The case: 4,000 users per arm on one day, 400 against 640 conversions, then 240 late control
        // conversions. Rebuilt from nothing per query, the always-valid p went from 4.5e-13 back to 1.
        var live = await LiveExperiment.StartAsync(platform.Grains, platform.Http, "late", ["control", "treatment"]);
        await live.ExposeAsync([4000, 4000], Day);
        await live.ConvertAsync(0, 0, 400, Day.AddMinutes(5));
        await live.ConvertAsync(1, 0, 640, Day.AddMinutes(5));
        var before = LiveExperiment.Comparison(await live.SettledAsync([4000, 4000], [400, 640]));
        Assert.True(LiveExperiment.AlwaysValidP(before) < 1e-9, before.GetRawText());
        Assert.True(before.GetProperty("sequential").GetProperty("stopForEfficacy").GetBoolean());

        await live.ConvertAsync(0, 400, 640, Day.AddMinutes(50));
        var after = LiveExperiment.Comparison(await live.SettledAsync([4000, 4000], [640, 640]));

        // This look alone has no evidence left, but the number shown before stays: the running minimum.
        Assert.True(after.GetProperty("sequential").GetProperty("pValue").GetDouble() > 0.5, after.GetRawText());
        Assert.Equal(LiveExperiment.AlwaysValidP(before), LiveExperiment.AlwaysValidP(after));
        var ciBefore = before.GetProperty("sequential").GetProperty("alwaysValidConfidenceInterval");
        var ciAfter = after.GetProperty("sequential").GetProperty("alwaysValidConfidenceInterval");
        if (after.GetProperty("sequential").GetProperty("alwaysValidCiError").ValueKind == JsonValueKind.String)
        {
            // The drifted effect left no common point: said with a code, never as an inverted interval.
            Assert.Equal("empty_intersection", after.GetProperty("sequential").GetProperty("alwaysValidCiError").GetString());
            Assert.Equal(JsonValueKind.Null, ciAfter.GetProperty("lower").ValueKind);
        }
        else
        {
            Assert.True(ciAfter.GetProperty("lower").GetDouble() >= ciBefore.GetProperty("lower").GetDouble());
            Assert.True(ciAfter.GetProperty("upper").GetDouble() <= ciBefore.GetProperty("upper").GetDouble());
        }
    }

    [Fact]
    public async Task AThreeArmSampleRatioMismatchFlagsEveryBadge()
    {
        // 10,000 / 10,300 / 9,700 with equal weights: scipy.stats.chisquare([10000, 10300, 9700]) gives χ² = 18.0 and
        // p = 1.2340980408667956e-4 (with 2 degrees of freedom the χ² survival is exactly exp(−χ²/2)), while each
        // two-arm split alone is not flagged at 0.001.
        var live = await LiveExperiment.StartAsync(platform.Grains, platform.Http, "srm3", ["control", "b", "c"]);
        await live.ExposeAsync([10_000, 10_300, 9_700], Day);
        await live.ConvertAsync(0, 0, 1000, Day.AddMinutes(5));
        await live.ConvertAsync(1, 0, 1400, Day.AddMinutes(5));
        await live.ConvertAsync(2, 0, 1000, Day.AddMinutes(5));
        var report = await live.SettledAsync([10_000, 10_300, 9_700], [1000, 1400, 1000]);

        var srm = LiveReports.Analysis(report).GetProperty("srm");
        Assert.Equal(18.0, srm.GetProperty("chiSquared").GetDouble(), 9);
        Assert.Equal(1.2340980408667956e-4, srm.GetProperty("pValue").GetDouble(), 1e-10);
        Assert.True(srm.GetProperty("flagged").GetBoolean());
        var comparisons = LiveReports.Metric(report, 0).GetProperty("comparisons").EnumerateArray().ToArray();
        Assert.Equal(2, comparisons.Length);
        // Treatment b alone would be significant (1,400 against 1,000 conversions); SRM outranks it.
        Assert.True(comparisons[0].GetProperty("pValue").GetDouble() < 1e-10);
        Assert.All(comparisons, c => Assert.Equal("srm_warning", c.GetProperty("badge").GetString()));
    }

    [Fact]
    public async Task AReportAsOfATimeIsExactlyTheLookShownThen()
    {
        var live = await LiveExperiment.StartAsync(platform.Grains, platform.Http, "asof", ["control", "treatment"]);
        await live.ExposeAsync([300, 300], Day);
        var first = await live.SettledAsync([300, 300], [0, 0]);
        var firstJson = await RawAsync(live, "");
        await live.ConvertAsync(1, 0, 60, Day.AddMinutes(5));
        var second = await live.SettledAsync([300, 300], [0, 60]);
        Assert.True(second.GetProperty("look").GetInt64() > first.GetProperty("look").GetInt64());

        var takenAt = first.GetProperty("takenAt").GetString()!;
        Assert.Equal(firstJson, await RawAsync(live, $"?asOf={Uri.EscapeDataString(takenAt)}"));
        Assert.Equal(first.GetProperty("look").GetInt64(), JsonDocument.Parse(firstJson).RootElement.GetProperty("look").GetInt64());

        using var early = await platform.Http.GetAsync($"/api/experiments/{live.Key}/results?asOf=2001-01-01T00:00:00Z");
        await HttpAssertions.AssertStatus(early, HttpStatusCode.NotFound);
        using var bad = await platform.Http.GetAsync($"/api/experiments/{live.Key}/results?asOf=yesterday");
        await HttpAssertions.AssertStatus(bad, HttpStatusCode.BadRequest);
        Assert.Contains("asOf", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LooksAreListedInOrderAndTheChartReadsThem()
    {
        var live = await LiveExperiment.StartAsync(platform.Grains, platform.Http, "looks", ["control", "treatment"]);
        for (var step = 1; step <= 3; step++)
        {
            await live.ExposeAsync([100 * step, 100 * step], Day);
            await live.SettledAsync([100 * step, 100 * step], [0, 0]);
        }

        var looks = JsonDocument.Parse(await platform.Http.GetStringAsync($"/api/experiments/{live.Key}/results/looks")).RootElement;
        var numbers = looks.EnumerateArray().Select(l => l.GetProperty("look").GetInt64()).ToArray();
        Assert.Equal(numbers.Order(), numbers);
        Assert.Equal(numbers.Length, numbers.Distinct().Count());
        Assert.Equal(600, looks[looks.GetArrayLength() - 1].GetProperty("arms").EnumerateArray().Sum(a => a.GetProperty("units").GetInt64()));

        var thinned = JsonDocument.Parse(await platform.Http.GetStringAsync($"/api/experiments/{live.Key}/results/looks?maxPoints=2")).RootElement;
        Assert.Equal(2, thinned.GetArrayLength());
        Assert.Equal(numbers[0], thinned[0].GetProperty("look").GetInt64());
        Assert.Equal(numbers[^1], thinned[1].GetProperty("look").GetInt64());

        var chart = JsonDocument.Parse(await platform.Http.GetStringAsync($"/api/experiments/{live.Key}/results/sequential")).RootElement;
        Assert.Equal(20, chart[0].GetProperty("boundary").GetDouble(), 9);
        Assert.Equal(numbers.Length, chart[0].GetProperty("points").GetArrayLength());

        using var bad = await platform.Http.GetAsync($"/api/experiments/{live.Key}/results/looks?maxPoints=1");
        await HttpAssertions.AssertStatus(bad, HttpStatusCode.BadRequest);
        Assert.Contains("maxPoints", await bad.Content.ReadAsStringAsync());
        using var unknown = await platform.Http.GetAsync("/api/experiments/no-such-experiment/results/looks");
        await HttpAssertions.AssertStatus(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ARunningExperimentTakesLooksOnItsScheduleWithoutQueries()
    {
        var live = await LiveExperiment.StartAsync(platform.Grains, platform.Http, "schedule", ["control", "treatment"],
            d => d with { LookIntervalSeconds = 1 });
        await live.ExposeAsync([50, 50], Day);

        // Nothing queries the results: only the timer can persist a look that counts these users.
        var analysis = platform.Grains.GetGrain<IExperimentAnalysisGrain>(live.Key);
        var looks = await Eventually.Until("a scheduled look counting all 100 users",
            async () => JsonDocument.Parse(await analysis.Looks(10_000)).RootElement.Clone(),
            l => l.GetArrayLength() > 0 && l[l.GetArrayLength() - 1].GetProperty("arms").EnumerateArray().Sum(a => a.GetProperty("units").GetInt64()) == 100,
            TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200));
        Assert.True(looks.GetArrayLength() >= 1);
    }

    [Fact]
    public async Task FixedHorizonBadgesSayUnderpoweredUntilThePlannedSampleWhileBothPValuesShow()
    {
        var live = await LiveExperiment.StartAsync(platform.Grains, platform.Http, "fixed", ["control", "treatment"],
            d => d with { DecisionMode = DecisionMode.FixedHorizon, Mde = 0.05 });
        await live.ExposeAsync([2000, 2000], Day);
        await live.ConvertAsync(0, 0, 200, Day.AddMinutes(5));
        await live.ConvertAsync(1, 0, 270, Day.AddMinutes(5));
        var report = await live.SettledAsync([2000, 2000], [200, 270]);

        Assert.Equal("fixed_horizon", LiveReports.Analysis(report).GetProperty("decisionMode").GetString());
        var c = LiveExperiment.Comparison(report);
        Assert.True(c.GetProperty("pValue").GetDouble() < 0.05);
        Assert.True(c.GetProperty("power").GetProperty("underpowered").GetBoolean());
        Assert.Equal("underpowered", c.GetProperty("badge").GetString());
        Assert.Equal(JsonValueKind.Number, c.GetProperty("sequential").GetProperty("alwaysValidPValue").ValueKind);
    }

    private async Task<string> RawAsync(LiveExperiment live, string query)
    {
        using var response = await platform.Http.GetAsync($"/api/experiments/{live.Key}/results{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }
}
