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
/// Percentile metrics live, fed through HTTP ingestion: page-load latencies (several per user) with a p95 guardrail
/// "must not rise 5%", and a unit-level p50 of each user's total. The shards' sketches, merged by the aggregators,
/// give the numbers the engine gives on the same per-event values, and a slow treatment breaches the guardrail.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PercentileLiveTests(PlatformFixture platform)
{
    private const int UsersPerArm = 600;
    private static readonly string[] Arms = ["control", "slow"];

    [Fact]
    public async Task ASlowTreatmentBreachesTheP95LatencyGuardrailAndTheLiveNumbersEqualTheEngine()
    {
        var (experiment, latency, total) = await StartAsync();
        var exposedAt = DateTimeOffset.UtcNow.AddHours(-3);
        var random = new Random(1402);
        var values = new List<(int User, double Value)>[2];
        var events = new List<object>();
        for (var a = 0; a < 2; a++)
        {
            values[a] = [];
            for (var i = 0; i < UsersPerArm; i++)
            {
                var user = $"{experiment}-{Arms[a]}-{i}";
                events.Add(new { eventId = Guid.NewGuid(), type = "exposure", userId = user, timestamp = exposedAt, experiment, variant = Arms[a] });
                double level = Math.Log(200) + 0.35 * Normal(random);
                for (var k = 0; k < 1 + i % 5; k++)
                {
                    // The slow arm's latencies are 30% higher: its p95 rises 30%, far beyond the 5% tolerated.
                    double ms = Math.Round(Math.Exp(level + 0.5 * Normal(random)) * (a == 1 ? 1.3 : 1), 3);
                    values[a].Add((i, ms));
                    events.Add(Metric(user, latency, ms, exposedAt.AddMinutes(1 + k)));
                }
                // Before exposure: not counted.
                events.Add(Metric(user, latency, 99_999, exposedAt.AddMinutes(-5)));
            }
        }
        foreach (var batch in events.Chunk(2000)) await IngestAsync(platform.Http, batch);

        var live = await Eventually.Until($"{experiment} to show every latency",
            async () => JsonDocument.Parse(await platform.Http.GetStringAsync($"/api/experiments/{experiment}/results")).RootElement.Clone(),
            r => LiveReports.Metric(r, 0).GetProperty("arms").EnumerateArray().Select(x => x.GetProperty("n").GetInt64())
                .SequenceEqual(values.Select(v => (long)v.Count)),
            TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100), r => r.GetRawText());

        var p95 = LiveReports.Metric(live, 0);
        Assert.Equal("percentile", p95.GetProperty("metricType").GetString());
        var comparison = p95.GetProperty("comparisons")[0];
        var guardrail = comparison.GetProperty("guardrail");
        Assert.True(guardrail.GetProperty("breached").GetBoolean(), guardrail.GetRawText());
        Assert.InRange(guardrail.GetProperty("degradation").GetDouble(), 0.15, 0.45);

        // The engine on the same per-event values: sketches of them, and per user (events at or below q̂, events).
        var samples = values.Select(arm =>
        {
            var sketch = QuantileSketch.Of(arm.Select(v => v.Value));
            int threshold = sketch.IndexAtRank(QuantileSample.RankOf(0.95, sketch.Count));
            var clusters = arm.GroupBy(v => v.User).Aggregate(default(RatioSample),
                (s, g) => s.Add(g.Count(v => LogBuckets.IndexOf(v.Value) <= threshold), g.Count()));
            return new QuantileSample(0.95, sketch, clusters);
        }).ToArray();
        var engine = PercentileTest.Compare(samples[0], samples[1]);
        Close(engine.Delta, comparison.GetProperty("delta").GetDouble(), "delta");
        Close(engine.StandardError, comparison.GetProperty("standardError").GetDouble(), "standardError");
        Close(engine.PValue, comparison.GetProperty("pValue").GetDouble(), "pValue");
        Close(engine.Lift, comparison.GetProperty("lift").GetDouble(), "lift");
        var arm0 = p95.GetProperty("arms")[0].GetProperty("quantile");
        Close(samples[0].Estimate().DesignEffect, arm0.GetProperty("designEffect").GetDouble(), "designEffect");
        Assert.True(arm0.GetProperty("designEffect").GetDouble() > 1);

        // Unit level: the p50 of each user's total latency, one value per exposed user.
        var totals = values.Select(arm => new QuantileSample(0.5, QuantileSketch.Of(arm.GroupBy(v => v.User).Select(g => g.Sum(v => v.Value))))).ToArray();
        var unit = LiveReports.Metric(live, 1);
        Assert.Equal(UsersPerArm, unit.GetProperty("arms")[0].GetProperty("n").GetInt64());
        Close(PercentileTest.Compare(totals[0], totals[1]).Delta, unit.GetProperty("comparisons")[0].GetProperty("delta").GetDouble(), "unit delta");
        _ = total;

        await AssertTheAnalysisApiAgreesAsync(p95, comparison);

        // The breach pauses the experiment (the binding's default action).
        await Eventually.Until($"{experiment} to be paused by its guardrail",
            async () => JsonDocument.Parse(await platform.Http.GetStringAsync($"/api/experiments/{experiment}")).RootElement.Clone(),
            e => e.GetProperty("status").GetString() == "paused", TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100),
            e => e.GetProperty("status").GetString() ?? "");
    }

    // POST /api/analysis with the live arms' quantile ingredients gives the live comparison, guardrail included.
    private async Task AssertTheAnalysisApiAgreesAsync(JsonElement metric, JsonElement live)
    {
        var arms = metric.GetProperty("arms").EnumerateArray().Select(a =>
        {
            var q = a.GetProperty("quantile");
            return (object)new
            {
                key = a.GetProperty("key").GetString(), control = a.GetProperty("control").GetBoolean(), n = a.GetProperty("n").GetInt64(),
                quantile = new
                {
                    quantile = q.GetProperty("quantile").GetDouble(), estimate = q.GetProperty("estimate").GetDouble(),
                    lower = q.GetProperty("lower").GetDouble(), upper = q.GetProperty("upper").GetDouble(),
                    designEffect = q.GetProperty("designEffect").GetDouble(),
                },
            };
        }).ToArray();
        using var response = await platform.Http.PostJson("/api/analysis", JsonSerializer.Serialize(new
        {
            metricType = "percentile", arms,
            options = new { correction = "none", decisionMode = "sequential", guardrail = new { direction = "lower_better", maxDegradation = 0.05 } },
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var analysed = JsonDocument.Parse(body).RootElement.GetProperty("comparisons")[0];
        foreach (var path in new[] { "delta", "standardError", "pValue", "degreesOfFreedom", "lift" })
            Close(live.GetProperty(path).GetDouble(), analysed.GetProperty(path).GetDouble(), path);
        Close(live.GetProperty("sequential").GetProperty("logLambda").GetDouble(), analysed.GetProperty("sequential").GetProperty("logLambda").GetDouble(), "logLambda");
        Close(live.GetProperty("guardrail").GetProperty("degradation").GetDouble(), analysed.GetProperty("guardrail").GetProperty("degradation").GetDouble(), "degradation");
        Assert.True(analysed.GetProperty("guardrail").GetProperty("breached").GetBoolean());
    }

    private async Task<(string Experiment, string Latency, string Total)> StartAsync()
    {
        var (experiment, latency, total) = (Samples.Key("p95"), Samples.Key("p95-latency"), Samples.Key("p50-total"));
        var registry = platform.Grains.GetGrain<IMetricRegistryGrain>(0);
        Assert.Null((await registry.Create(new MetricDefinition(latency, "Page load p95", MetricType.Percentile, latency, MetricAggregation.P95,
            null, null, default))).Error);
        Assert.Null((await registry.Create(new MetricDefinition(total, "Total load time p50", MetricType.Percentile, latency,
            MetricAggregation.Quantile, null, null, default, Quantile: 0.5, Level: PercentileLevel.Unit))).Error);
        var grain = platform.Grains.GetGrain<IExperimentGrain>(experiment);
        var created = await grain.Create(Samples.Ab() with
        {
            Variants = Arms.Select((v, i) => new VariantDefinition(v, 1, "{}", IsControl: i == 0)).ToArray(),
            Metrics =
            [
                new MetricBinding(latency, MetricRole.Guardrail, MetricDirection.LowerBetter, 0.05),
                new MetricBinding(total, MetricRole.Informational, MetricDirection.LowerBetter, 0.05),
            ],
        });
        Assert.True(created.Accepted, created.Error?.Message);
        Assert.True((await grain.Start()).Accepted);
        return (experiment, latency, total);
    }
}
