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
/// CUPED in live results, fed through HTTP ingestion: each user's spend in the 14 days before first exposure is the
/// covariate of their spend after it. The live comparison equals the engine on the same per-user values, and equals
/// POST /api/analysis given the live arms' moments.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CupedLiveTests(PlatformFixture platform)
{
    private const int UsersPerArm = 400;
    private static readonly string[] Arms = ["control", "green"];

    [Fact]
    public async Task ACupedExperimentsIntervalIsNarrowerByTheExpectedFactorAndEqualsTheEngine()
    {
        var (experiment, spend, signup) = await StartAsync();
        var exposedAt = DateTimeOffset.UtcNow.AddHours(-1);
        var random = new Random(1401);
        var values = new (double Y, double X)[2][];
        var exposures = new List<object>();
        var before = new List<object>();
        var after = new List<object>();
        for (var a = 0; a < 2; a++)
        {
            values[a] = new (double, double)[UsersPerArm];
            for (var i = 0; i < UsersPerArm; i++)
            {
                var user = $"{experiment}-{Arms[a]}-{i}";
                // Spend before and after exposure share a per-user level (sd 10) with independent noise (sd 4.8):
                // corr(X, Y) = 100/(100 + 4.8²) = 0.81, so CUPED should cut the variance by ρ² ≈ 0.66 and the CI to
                // √(1 − ρ²) ≈ 0.58 of its width.
                double level = 20 + 10 * Normal(random);
                double x = Math.Round(level + 4.8 * Normal(random), 2), y = Math.Round(level * (a == 1 ? 1.05 : 1) + 4.8 * Normal(random), 2);
                values[a][i] = (y, x);
                exposures.Add(new { eventId = Guid.NewGuid(), type = "exposure", userId = user, timestamp = exposedAt, experiment, variant = Arms[a] });
                // Split over two events 3 and 9 days before exposure; half of the users' pre-period events arrive after
                // their exposure (the late path), half before it. An event 20 days before is outside the pre-period.
                var pre = new[] { Metric(user, spend, x / 2, exposedAt.AddDays(-3)), Metric(user, spend, x - x / 2, exposedAt.AddDays(-9)),
                    Metric(user, spend, 1000, exposedAt.AddDays(-20)) };
                (i % 2 == 0 ? before : after).AddRange(pre);
                after.Add(Metric(user, spend, y, exposedAt.AddMinutes(5)));
            }
        }
        foreach (var batch in before.Chunk(2000)) await IngestAsync(platform.Http, batch);
        foreach (var batch in exposures.Chunk(2000)) await IngestAsync(platform.Http, batch);
        foreach (var batch in after.Chunk(2000)) await IngestAsync(platform.Http, batch);

        var expected = values.Select(arm => arm.Aggregate(default(CupedSample), (s, v) => s.Add(v.Y, v.X))).ToArray();
        var live = await Eventually.Until($"{experiment} to show every user's spend and covariate",
            async () => JsonDocument.Parse(await platform.Http.GetStringAsync($"/api/experiments/{experiment}/results")).RootElement.Clone(),
            r => Settled(r, expected), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100), r => r.GetRawText());

        var metric = LiveReports.Metric(live, 0);
        var comparison = metric.GetProperty("comparisons")[0];
        var cuped = comparison.GetProperty("cuped");
        Assert.True(cuped.GetProperty("applied").GetBoolean());
        Assert.Equal(14, cuped.GetProperty("preDays").GetInt32());

        // The engine on the same per-user values (exact sums from the test's own Welford fold).
        var engine = ExperimentAnalyzer.Analyze(new ExperimentInput(
            [new ArmInput("control", 1, UsersPerArm), new ArmInput("green", 1, UsersPerArm)],
            [new MetricInput("spend", AnalysisRole.Primary, MetricSamples.Of(expected[0].Metric, expected[1].Metric), Cuped: new CupedInput(expected, 14))],
            ExperimentSettings.Default)).Report.Metrics[0].Comparisons[0];
        Close(engine.Delta!.Value, comparison.GetProperty("delta").GetDouble(), "delta");
        Close(engine.StandardError!.Value, comparison.GetProperty("standardError").GetDouble(), "standardError");
        Close(engine.PValue!.Value, comparison.GetProperty("pValue").GetDouble(), "pValue");
        Close(engine.LiftConfidenceInterval.Upper!.Value, comparison.GetProperty("liftConfidenceInterval").GetProperty("upper").GetDouble(), "lift upper");
        Close(engine.Cuped!.Theta!.Value, cuped.GetProperty("theta").GetDouble(), "theta");
        Close(engine.Cuped.VarianceReduction!.Value, cuped.GetProperty("varianceReduction").GetDouble(), "varianceReduction");

        // The expected factor: with θ pooled and equal arms, Var(Ŷ) = Var(Y)(1 − ρ²) up to the arms' own spread, so the
        // CI narrows to √(1 − ρ̂²) of the unadjusted one, ρ̂ the pooled correlation of the per-user values.
        var pooled = expected[0] + expected[1];
        double rho = pooled.Covariance / Math.Sqrt(pooled.Metric.Variance * pooled.Covariate.Variance);
        var interval = comparison.GetProperty("confidenceInterval");
        var unadjusted = cuped.GetProperty("unadjustedConfidenceInterval");
        double ratio = (interval.GetProperty("upper").GetDouble() - interval.GetProperty("lower").GetDouble())
            / (unadjusted.GetProperty("upper").GetDouble() - unadjusted.GetProperty("lower").GetDouble());
        Assert.InRange(rho, 0.76, 0.86);
        Assert.InRange(ratio / Math.Sqrt(1 - rho * rho), 0.97, 1.03);
        Assert.InRange(ratio, 0.5, 0.66);

        // The conversion without any sign-up before exposure falls back, and says so.
        var signupCuped = LiveReports.Metric(live, 1).GetProperty("comparisons")[0].GetProperty("cuped");
        Assert.False(signupCuped.GetProperty("applied").GetBoolean());
        Assert.Contains("unadjusted", signupCuped.GetProperty("message").GetString());
        _ = signup;

        await AssertTheAnalysisApiAgreesAsync(metric, comparison);
    }

    // POST /api/analysis with the live arms' moments and covariates gives the live comparison, CUPED included.
    private async Task AssertTheAnalysisApiAgreesAsync(JsonElement metric, JsonElement live)
    {
        var arms = metric.GetProperty("arms").EnumerateArray().Select(a => (object)new
        {
            key = a.GetProperty("key").GetString(), control = a.GetProperty("control").GetBoolean(), n = a.GetProperty("n").GetInt64(),
            mean = a.GetProperty("mean").GetDouble(), variance = a.GetProperty("variance").GetDouble(),
            covariate = new
            {
                mean = a.GetProperty("covariate").GetProperty("mean").GetDouble(),
                variance = a.GetProperty("covariate").GetProperty("variance").GetDouble(),
                covariance = a.GetProperty("covariate").GetProperty("covariance").GetDouble(),
            },
        }).ToArray();
        using var response = await platform.Http.PostJson("/api/analysis", JsonSerializer.Serialize(new
        {
            metricType = "mean", engine = "bayesian", arms, options = new { correction = "none", mde = 0.02, decisionMode = "sequential" },
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var analysed = JsonDocument.Parse(body).RootElement.GetProperty("comparisons")[0];
        foreach (var path in new[] { "delta", "standardError", "pValue", "degreesOfFreedom", "lift" })
            Close(live.GetProperty(path).GetDouble(), analysed.GetProperty(path).GetDouble(), path);
        Close(live.GetProperty("sequential").GetProperty("logLambda").GetDouble(), analysed.GetProperty("sequential").GetProperty("logLambda").GetDouble(), "logLambda");
        Close(live.GetProperty("bayesian").GetProperty("chanceToWin").GetDouble(), analysed.GetProperty("bayesian").GetProperty("chanceToWin").GetDouble(), "chanceToWin");
        Close(live.GetProperty("cuped").GetProperty("theta").GetDouble(), analysed.GetProperty("cuped").GetProperty("theta").GetDouble(), "theta");
        Close(live.GetProperty("cuped").GetProperty("varianceReduction").GetDouble(), analysed.GetProperty("cuped").GetProperty("varianceReduction").GetDouble(), "varianceReduction");
    }

    private async Task<(string Experiment, string Spend, string Signup)> StartAsync()
    {
        var (experiment, spend, signup) = (Samples.Key("cuped"), Samples.Key("cuped-spend"), Samples.Key("cuped-signup"));
        var registry = platform.Grains.GetGrain<IMetricRegistryGrain>(0);
        await registry.Create(new MetricDefinition(spend, "Spend", MetricType.Mean, spend, MetricAggregation.Sum, null, null, default));
        await registry.Create(new MetricDefinition(signup, "Signed up", MetricType.Conversion, signup, MetricAggregation.Count, null, null, default));
        var grain = platform.Grains.GetGrain<IExperimentGrain>(experiment);
        var created = await grain.Create(Samples.Ab() with
        {
            Metrics =
            [
                new MetricBinding(spend, MetricRole.Primary, MetricDirection.HigherBetter, 0.05),
                new MetricBinding(signup, MetricRole.Informational, MetricDirection.HigherBetter, 0.05),
            ],
        });
        Assert.True(created.Accepted, created.Error?.Message);
        Assert.True((await grain.Start()).Accepted);
        return (experiment, spend, signup);
    }

    private static bool Settled(JsonElement report, CupedSample[] expected)
    {
        if (!LiveReports.Units(report).SequenceEqual([UsersPerArm, UsersPerArm])) return false;
        var arms = LiveReports.Metric(report, 0).GetProperty("arms");
        for (var a = 0; a < 2; a++)
        {
            if (arms[a].GetProperty("mean").ValueKind != JsonValueKind.Number) return false;
            if (!arms[a].TryGetProperty("covariate", out var covariate) || covariate.ValueKind != JsonValueKind.Object) return false;
            if (Math.Abs(arms[a].GetProperty("mean").GetDouble() - expected[a].MetricMean) > 1e-9 * Math.Abs(expected[a].MetricMean)) return false;
            if (Math.Abs(covariate.GetProperty("mean").GetDouble() - expected[a].CovariateMean) > 1e-9 * Math.Abs(expected[a].CovariateMean)) return false;
        }
        return true;
    }
}
