using System.Text.Json;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Tests.Infrastructure;
using Experimentation.Tests.Ingestion;
using static Experimentation.Tests.Ingestion.IngestionScenario;
using static Experimentation.Tests.Ingestion.RevenueSignupScenario;

namespace Experimentation.Tests.Analysis;

/// <summary>
/// Warehouse mode and live mode are one analysis: the per-arm statistics a live look reports, sent to /api/analysis,
/// give that look's comparison to the digit, in the same fields. And the look's always-valid p is the running minimum
/// of 1/Λ over the persisted looks.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class LiveResultsMatchAnalysisTests
{
    private const int Users = 600;
    private readonly PlatformFixture _platform;

    public LiveResultsMatchAnalysisTests(PlatformFixture platform) => _platform = platform;

    // Every field of a comparison that depends only on this look's data (the running always-valid p and CI, and the
    // badge decided on them, depend on the looks before it).
    private static readonly string[][] LookFields =
    [
        ["controlMean"], ["treatmentMean"], ["delta"], ["standardError"], ["statistic"], ["degreesOfFreedom"], ["pValue"],
        ["confidenceInterval", "lower"], ["confidenceInterval", "upper"], ["lift"],
        ["liftConfidenceInterval", "lower"], ["liftConfidenceInterval", "upper"],
        ["sequential", "tau2"], ["sequential", "logLambda"], ["sequential", "pValue"],
        ["sequential", "confidenceInterval", "lower"], ["sequential", "confidenceInterval", "upper"],
        ["power", "mdeAbsolute"], ["power", "requiredSampleSizePerArm"],
        ["bayesian", "chanceToWin"], ["bayesian", "expected"], ["bayesian", "credibleInterval", "lower"],
        ["bayesian", "credibleInterval", "upper"], ["bayesian", "risk", "control"], ["bayesian", "risk", "treatment"],
    ];

    [Fact]
    public async Task AnalysisOfTheLiveStatisticsEqualsTheLiveLook()
    {
        var (experiment, _, _) = await CreateAsync(_platform.Grains, "match", MetricRole.Informational);
        var now = DateTimeOffset.UtcNow;
        var events = new List<object>();
        for (var i = 0; i < Users; i++)
        {
            var user = $"match-{i}";
            var exposedAt = now.AddDays(-(i % 3)).AddMinutes(-10);
            events.Add(new { eventId = Guid.NewGuid(), type = "exposure", userId = user, timestamp = exposedAt, experiment, variant = i % 2 == 1 ? "green" : "control" });
            if (Revenue(i) > 0) events.Add(Metric(user, PurchaseType, Revenue(i), exposedAt.AddMinutes(1)));
            if (SignedUp(i)) events.Add(Metric(user, SignupType, 1, exposedAt.AddMinutes(2)));
        }
        foreach (var batch in events.Chunk(1000)) await IngestAsync(_platform.Http, batch);
        var live = await SettledResultsAsync(_platform.Http, experiment, Users);

        var mean = LiveReports.Metric(live, 0);
        var analysedMean = await AnalyseAsync("mean", mean.GetProperty("arms").EnumerateArray().Select(a => (object)new
        {
            key = a.GetProperty("key").GetString(), control = a.GetProperty("control").GetBoolean(), n = a.GetProperty("n").GetInt64(),
            mean = a.GetProperty("mean").GetDouble(), variance = a.GetProperty("variance").GetDouble(),
        }).ToArray());
        AssertSameLook(mean.GetProperty("comparisons")[0], analysedMean);

        var conversion = LiveReports.Metric(live, 1);
        var conversions = LiveReports.Conversions(conversion);
        var analysedConversion = await AnalyseAsync("conversion", conversion.GetProperty("arms").EnumerateArray().Select((a, i) => (object)new
        {
            key = a.GetProperty("key").GetString(), control = a.GetProperty("control").GetBoolean(), n = a.GetProperty("n").GetInt64(),
            conversions = conversions[i],
        }).ToArray());
        AssertSameLook(conversion.GetProperty("comparisons")[0], analysedConversion);

        await AssertRunningMinimumOverTheLooksAsync(experiment, live);
    }

    private static void AssertSameLook(JsonElement live, JsonElement analysed)
    {
        foreach (var path in LookFields) Same(At(live, path), At(analysed, path), string.Join('.', path));
        Assert.Equal(live.GetProperty("statisticName").GetString(), analysed.GetProperty("statisticName").GetString());
        Assert.Equal(live.GetProperty("power").GetProperty("underpowered").GetBoolean(), analysed.GetProperty("power").GetProperty("underpowered").GetBoolean());
    }

    // The running minimum of min(1, 1/Λ) over every persisted look is the always-valid p the last look shows.
    private async Task AssertRunningMinimumOverTheLooksAsync(string experiment, JsonElement live)
    {
        var looks = JsonDocument.Parse(await _platform.Http.GetStringAsync($"/api/experiments/{experiment}/results/looks?maxPoints=10000")).RootElement;
        var last = looks[looks.GetArrayLength() - 1];
        Assert.Equal(live.GetProperty("look").GetInt64(), last.GetProperty("look").GetInt64());
        var series = looks.EnumerateArray().Select(l => l.GetProperty("comparisons")[0]).ToArray();
        var minimum = series.Where(c => c.GetProperty("logLambda").ValueKind == JsonValueKind.Number)
            .Select(c => Math.Min(1, Math.Exp(-c.GetProperty("logLambda").GetDouble()))).Min();
        var shown = LiveReports.Metric(live, 0).GetProperty("comparisons")[0].GetProperty("sequential").GetProperty("alwaysValidPValue").GetDouble();
        Assert.True(Math.Abs(minimum - shown) <= 1e-12 * Math.Max(1e-300, shown), $"running minimum {minimum:R}, shown {shown:R}");
        for (var i = 1; i < series.Length; i++)
            Assert.True(series[i].GetProperty("alwaysValidPValue").GetDouble() <= series[i - 1].GetProperty("alwaysValidPValue").GetDouble());
    }

    private async Task<JsonElement> AnalyseAsync(string metricType, object[] arms)
    {
        using var response = await _platform.Http.PostJson("/api/analysis", JsonSerializer.Serialize(new
        {
            metricType,
            engine = "bayesian",
            arms,
            options = new { correction = "none", mde = 0.02, decisionMode = "sequential" },
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("comparisons")[0].Clone();
    }

    private static JsonElement At(JsonElement e, string[] path) => path.Aggregate(e, (x, p) => x.GetProperty(p));

    private static void Same(JsonElement live, JsonElement analysed, string field)
    {
        Assert.Equal(JsonValueKind.Number, live.ValueKind);
        Assert.Equal(JsonValueKind.Number, analysed.ValueKind);
        var (l, a) = (live.GetDouble(), analysed.GetDouble());
        Assert.True(Math.Abs(l - a) <= 1e-9 * Math.Max(1, Math.Abs(l)), $"{field}: live {l:R} vs analysis {a:R}");
    }
}
