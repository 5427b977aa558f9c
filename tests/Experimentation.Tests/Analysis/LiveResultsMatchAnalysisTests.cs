using System.Text.Json;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Tests.Infrastructure;
using static Experimentation.Tests.Ingestion.IngestionScenario;
using static Experimentation.Tests.Ingestion.RevenueSignupScenario;

namespace Experimentation.Tests.Analysis;

/// <summary>
/// Warehouse mode and live mode give the same numbers: the sufficient statistics the live pipeline folded for an
/// experiment, sent to /api/analysis (and as one look to /api/analysis/sequence), reproduce its
/// /api/experiments/{key}/results to the digit.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class LiveResultsMatchAnalysisTests
{
    private const int Users = 600;
    private readonly PlatformFixture _platform;

    public LiveResultsMatchAnalysisTests(PlatformFixture platform) => _platform = platform;

    private static int DaysAgo(int i) => i % 3;

    [Fact]
    public async Task AnalysisOfTheLiveSufficientStatisticsEqualsTheLiveResults()
    {
        var (experiment, revenue, signups) = await CreateAsync(_platform.Grains, "match", MetricRole.Informational);
        var now = DateTimeOffset.UtcNow;
        var events = new List<object>();
        for (var i = 0; i < Users; i++)
        {
            var user = $"match-{i}";
            var exposedAt = now.AddDays(-DaysAgo(i)).AddMinutes(-10);
            events.Add(new { eventId = Guid.NewGuid(), type = "exposure", userId = user, timestamp = exposedAt, experiment, variant = i % 2 == 1 ? "green" : "control" });
            if (Revenue(i) > 0) events.Add(Metric(user, PurchaseType, Revenue(i), exposedAt.AddMinutes(1)));
            if (SignedUp(i)) events.Add(Metric(user, SignupType, 1, exposedAt.AddMinutes(2)));
        }
        foreach (var batch in events.Chunk(1000)) await IngestAsync(_platform.Http, batch);
        var live = await SettledResultsAsync(_platform.Http, experiment, Users);

        var meanLive = MetricOf(live, revenue);
        var mean = await AnalyseAsync("mean", Arms(meanLive, s => RawSums(s) is var (n, sum, sumSquares) ? new { n, sum, sumSquares } : null!));
        AssertSame(meanLive.GetProperty("comparisons")[0], mean);
        await AssertSameSequenceAsync("mean", meanLive.GetProperty("comparisons")[0], Look(i => Revenue(i), mean: true));

        var conversionLive = MetricOf(live, signups);
        var conversion = await AnalyseAsync("conversion", Arms(conversionLive, s => new { n = s.GetProperty("count").GetInt64(), conversions = s.GetProperty("conversions").GetInt64() }));
        AssertSame(conversionLive.GetProperty("comparisons")[0], conversion);
        await AssertSameSequenceAsync("conversion", conversionLive.GetProperty("comparisons")[0], Look(i => SignedUp(i) ? 1.0 : 0.0, mean: false));
    }

    private static void AssertSame(JsonElement live, JsonElement analysed)
    {
        Close(live.GetProperty("absoluteLift"), analysed.GetProperty("delta"));
        Close(live.GetProperty("statistic"), analysed.GetProperty("statistic"));
        Close(live.GetProperty("degreesOfFreedom"), analysed.GetProperty("degreesOfFreedom"));
        Close(live.GetProperty("pValue"), analysed.GetProperty("pValue"));
        Close(live.GetProperty("absoluteCi")[0], analysed.GetProperty("confidenceInterval").GetProperty("lower"));
        Close(live.GetProperty("absoluteCi")[1], analysed.GetProperty("confidenceInterval").GetProperty("upper"));
        Close(live.GetProperty("relativeLiftPercent"), analysed.GetProperty("lift"), scale: 100);
        Close(live.GetProperty("relativeCiPercent")[0], analysed.GetProperty("liftConfidenceInterval").GetProperty("lower"), scale: 100);
        Close(live.GetProperty("relativeCiPercent")[1], analysed.GetProperty("liftConfidenceInterval").GetProperty("upper"), scale: 100);
        Assert.Equal(live.GetProperty("requiredSampleSizePerArm").GetInt64(), analysed.GetProperty("power").GetProperty("requiredSampleSizePerArm").GetInt64());
        Assert.Equal(live.GetProperty("underpowered").GetBoolean(), analysed.GetProperty("power").GetProperty("underpowered").GetBoolean());
        Assert.Equal(live.GetProperty("badge").GetString(), analysed.GetProperty("badge").GetString());
    }

    // Live results take one mSPRT look, of the totals; the sequence endpoint takes the same look.
    private async Task AssertSameSequenceAsync(string metricType, JsonElement live, object[] looks)
    {
        using var response = await _platform.Http.PostJson("/api/analysis/sequence", JsonSerializer.Serialize(new
        {
            metricType,
            looks,
            options = new { mde = 0.02 },
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var last = LastLook(JsonDocument.Parse(body).RootElement);
        Close(live.GetProperty("alwaysValidPValue"), last.GetProperty("alwaysValidPValue"));
        Close(live.GetProperty("alwaysValidCi")[0], last.GetProperty("alwaysValidConfidenceInterval").GetProperty("lower"));
        Close(live.GetProperty("alwaysValidCi")[1], last.GetProperty("alwaysValidConfidenceInterval").GetProperty("upper"));
    }

    private static JsonElement LastLook(JsonElement sequence)
    {
        var looks = sequence.GetProperty("looks");
        var last = looks[looks.GetArrayLength() - 1];
        return last.GetProperty("comparisons")[0].GetProperty("sequential");
    }

    private static object[] Look(Func<int, double> value, bool mean)
    {
        object Arm(string key, bool control, int parity)
        {
            var xs = Enumerable.Range(0, Users).Where(i => i % 2 == parity).Select(value).ToArray();
            return mean
                ? new { key, control, n = (long)xs.Length, sum = xs.Sum(), sumSquares = xs.Sum(x => x * x) }
                : new { key, control, n = (long)xs.Length, conversions = (long)xs.Count(x => x > 0) };
        }
        return [new { arms = new[] { Arm("control", true, 0), Arm("green", false, 1) } }];
    }

    private async Task<JsonElement> AnalyseAsync(string metricType, object[] arms)
    {
        using var response = await _platform.Http.PostJson("/api/analysis", JsonSerializer.Serialize(new
        {
            metricType,
            arms,
            options = new { correction = "none", mde = 0.02 },
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("comparisons")[0].Clone();
    }

    private static object[] Arms(JsonElement metric, Func<JsonElement, object> sums) =>
        metric.GetProperty("variants").EnumerateArray().Select(v =>
        {
            var key = v.GetProperty("variant").GetString();
            var s = JsonSerializer.SerializeToElement(sums(v.GetProperty("statistics")));
            var arm = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(s.GetRawText())!;
            arm["key"] = JsonSerializer.SerializeToElement(key);
            arm["control"] = JsonSerializer.SerializeToElement(key == "control");
            return (object)arm;
        }).ToArray();

    private static JsonElement MetricOf(JsonElement results, string key) =>
        results.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metricKey").GetString() == key);

    private static void Close(JsonElement expected, JsonElement actual, double scale = 1)
    {
        Assert.Equal(JsonValueKind.Number, expected.ValueKind);
        Assert.Equal(JsonValueKind.Number, actual.ValueKind);
        var e = expected.GetDouble();
        var a = actual.GetDouble() * scale;
        Assert.True(Math.Abs(e - a) <= 1e-9 * Math.Max(1, Math.Abs(e)), $"live {e:R} vs analysis {a:R}");
    }
}
