using System.Net;
using System.Text.Json;
using Experimentation.GrainInterfaces.Config;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.Grains;
using Experimentation.Grains.Alerts;
using Experimentation.Tests.Infrastructure;
using Marten;
using static Experimentation.Tests.Ingestion.IngestionScenario;

namespace Experimentation.Tests.LiveAnalysis;

/// <summary>
/// A breached guardrail pauses the experiment by itself, through HTTP ingestion and scheduled looks only: the breach
/// and the pause are events with the actor system:guardrail, the config bundle drops the experiment, the alert is in
/// the outbox, and a person may resume it with a reason.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class GuardrailActionTests(PlatformFixture platform)
{
    private const int LookIntervalSeconds = 2;
    private const int UsersPerArm = 2000;
    private const string LatencyType = "latency";

    [Fact]
    public async Task ATwentyPercentLatencyDegradationPausesTheExperimentWithinOneLookIntervalPlusOneSecond()
    {
        var (key, latency) = await StartAsync(GuardrailAction.Pause);
        await IngestLatenciesAsync(key, 100.0, 120.0, seed: 5);
        var acknowledgedAt = DateTimeOffset.UtcNow;

        // No results query: only the look schedule can see the breach. The wait is generous; the bound is checked on
        // the pause event's own time below, so the test's polling and its grain call do not count against the platform.
        var grain = platform.Grains.GetGrain<IExperimentGrain>(key);
        var paused = await Eventually.Until($"the guardrail to pause {key}",
            () => grain.Get(), v => v!.Status == ExperimentStatus.Paused, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));
        Assert.Equal(PauseCause.Guardrail, paused!.PauseCause);

        var history = JsonDocument.Parse(await platform.Http.GetStringAsync($"/api/experiments/{key}/history")).RootElement.EnumerateArray().ToArray();
        var breach = history.Single(e => e.GetProperty("type").GetString() == "GuardrailBreached");
        var pause = history.Single(e => e.GetProperty("type").GetString() == "ExperimentPaused");
        // Issue 12's bound: paused within one look interval (the scheduled look that first sees the data) plus 1 s
        // (taking that look and acting on it), from the moment the last batch was acknowledged to the pause's commit.
        var pausedAt = pause.GetProperty("timestamp").GetDateTimeOffset();
        var lookAt = breach.GetProperty("data").GetProperty("breach").GetProperty("lookAt").GetDateTimeOffset();
        Assert.True(pausedAt - acknowledgedAt <= TimeSpan.FromSeconds(LookIntervalSeconds + 1),
            $"paused {(pausedAt - acknowledgedAt).TotalSeconds:0.000} s after the data was acknowledged: the look {(lookAt - acknowledgedAt).TotalSeconds:0.000} s after it, the pause {(pausedAt - lookAt).TotalSeconds:0.000} s after the look");
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        Assert.Equal("system:guardrail", breach.GetProperty("actor").GetString());
        Assert.Equal("system:guardrail", pause.GetProperty("actor").GetString());
        Assert.Equal("guardrail", pause.GetProperty("data").GetProperty("cause").GetString());
        var recorded = breach.GetProperty("data").GetProperty("breach");
        Assert.Equal(latency, recorded.GetProperty("metricKey").GetString());
        Assert.Equal("green", recorded.GetProperty("treatment").GetString());
        Assert.InRange(recorded.GetProperty("degradation").GetDouble(), 0.15, 0.25);

        // The pause reached the config bundle: the SDKs stop assigning a paused experiment.
        var bundle = await platform.Grains.GetGrain<IConfigGrain>(IConfigGrain.Key).Get();
        Assert.False(bundle.Experiments.Single(e => e.Key == key).IsRunning);

        // The alerts were written with the events, in the same transaction.
        Assert.Contains(AlertEvents.GuardrailBreached, await AlertsOfAsync(key));
        Assert.Contains(AlertEvents.ExperimentPaused, await AlertsOfAsync(key));

        // Resuming a guardrail pause overrides the breach, so it needs a reason.
        using (var bare = await platform.Http.PostAsync($"/api/experiments/{key}/resume", null))
        {
            await HttpAssertions.AssertStatus(bare, HttpStatusCode.BadRequest);
            Assert.Contains("reason", await bare.Content.ReadAsStringAsync());
        }
        using (var resumed = await platform.Http.PostJson($"/api/experiments/{key}/resume", """{"reason":"latency regression is expected during the migration"}"""))
            await HttpAssertions.AssertStatus(resumed, HttpStatusCode.OK);

        // The open breach episode was overridden: a later look (the data unchanged, so new data forces it) does not pause again.
        await IngestAsync(platform.Http, [new { eventId = Guid.NewGuid(), type = "exposure", userId = $"{key}-late", timestamp = at, experiment = key, variant = "control" }]);
        var report = await Eventually.Until("a look after the resume",
            async () => JsonDocument.Parse(await platform.Http.GetStringAsync($"/api/experiments/{key}/results")).RootElement.Clone(),
            r => r.GetProperty("analysis").GetProperty("arms")[0].GetProperty("units").GetInt64() == UsersPerArm + 1);
        Assert.Equal("running", report.GetProperty("status").GetString());
        // The results still recommend stopping: the breach stands, only its pause was overridden.
        var recommendation = report.GetProperty("analysis").GetProperty("recommendation");
        Assert.Equal("stop", recommendation.GetProperty("decision").GetString());
        Assert.Equal("green", recommendation.GetProperty("treatment").GetString());
        Assert.Equal(ExperimentStatus.Running, (await grain.Get())!.Status);
        var resume = JsonDocument.Parse(await platform.Http.GetStringAsync($"/api/experiments/{key}/history")).RootElement.EnumerateArray()
            .Last(e => e.GetProperty("type").GetString() == "ExperimentResumed");
        Assert.Equal("latency regression is expected during the migration", resume.GetProperty("data").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task AThreePercentDegradationUnderAFivePercentToleranceDoesNotPause()
    {
        var (key, latency) = await StartAsync(GuardrailAction.Pause);
        await IngestLatenciesAsync(key, 100.0, 103.0, seed: 6);

        // Wait for a scheduled look that has every user; it must not have breached or paused.
        var analysis = platform.Grains.GetGrain<GrainInterfaces.Analysis.IExperimentAnalysisGrain>(key);
        await Eventually.Until("a scheduled look counting every user",
            async () => JsonDocument.Parse(await analysis.Looks(10_000)).RootElement.Clone(),
            l => l.GetArrayLength() > 0 && l[l.GetArrayLength() - 1].GetProperty("arms").EnumerateArray().Sum(a => a.GetProperty("units").GetInt64()) == 2 * UsersPerArm,
            TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
        var report = JsonDocument.Parse(await platform.Http.GetStringAsync($"/api/experiments/{key}/results")).RootElement;
        var guardrail = report.GetProperty("analysis").GetProperty("metrics")[0].GetProperty("comparisons")[0].GetProperty("guardrail");
        Assert.InRange(guardrail.GetProperty("degradation").GetDouble(), 0.02, 0.04);
        Assert.False(guardrail.GetProperty("breached").GetBoolean(), guardrail.GetRawText());
        Assert.Equal(ExperimentStatus.Running, (await platform.Grains.GetGrain<IExperimentGrain>(key).Get())!.Status);
        Assert.DoesNotContain(JsonDocument.Parse(await platform.Http.GetStringAsync($"/api/experiments/{key}/history")).RootElement.EnumerateArray(),
            e => e.GetProperty("type").GetString() == "GuardrailBreached");
    }

    [Fact]
    public async Task AGuardrailWhoseActionIsAlertRecordsTheBreachWithoutPausing()
    {
        var (key, _) = await StartAsync(GuardrailAction.Alert);
        await IngestLatenciesAsync(key, 100.0, 120.0, seed: 7);

        var grain = platform.Grains.GetGrain<IExperimentGrain>(key);
        var history = await Eventually.Until("the breach to be recorded",
            () => grain.GetHistory(), h => h.Any(e => e.Type == "GuardrailBreached"), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
        Assert.DoesNotContain(history, e => e.Type == "ExperimentPaused");
        Assert.Equal(ExperimentStatus.Running, (await grain.Get())!.Status);
        Assert.Contains(AlertEvents.GuardrailBreached, await AlertsOfAsync(key));
    }

    private async Task IngestLatenciesAsync(string key, double control, double treatment, int seed)
    {
        var random = new Random(seed);
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        var events = new List<object>();
        foreach (var (arm, mean) in new[] { ("control", control), ("green", treatment) })
            for (var i = 0; i < UsersPerArm; i++)
            {
                var user = $"{key}-{arm}-{i}";
                events.Add(new { eventId = Guid.NewGuid(), type = "exposure", userId = user, timestamp = at, experiment = key, variant = arm });
                events.Add(Metric(user, LatencyType, mean * (1 + 0.2 * (random.NextDouble() - 0.5)), at.AddMinutes(1)));
            }
        foreach (var batch in events.Chunk(5000)) await IngestAsync(platform.Http, batch);
    }

    private async Task<(string Key, string Latency)> StartAsync(GuardrailAction action)
    {
        var key = Samples.Key("guard");
        var latency = Samples.Key("guard-latency");
        await platform.Grains.GetGrain<IMetricRegistryGrain>(0).Create(
            new MetricDefinition(latency, "Latency (ms)", MetricType.Mean, LatencyType, MetricAggregation.Sum, null, null, default));
        var grain = platform.Grains.GetGrain<IExperimentGrain>(key);
        var created = await grain.Create(Samples.Ab() with
        {
            LookIntervalSeconds = LookIntervalSeconds,
            Metrics = [new MetricBinding(latency, MetricRole.Guardrail, MetricDirection.LowerBetter, 0.05, action)],
        });
        Assert.True(created.Accepted, created.Error?.Message);
        Assert.True((await grain.Start()).Accepted);
        return (key, latency);
    }

    private async Task<string[]> AlertsOfAsync(string experiment)
    {
        await using var store = DocumentStore.For(o => MartenSetup.Configure(o, platform.Database.ConnectionString));
        await using var session = store.QuerySession();
        return (await session.Query<PendingAlert>().Where(a => a.Experiment == experiment).Select(a => a.Event).ToListAsync()).ToArray();
    }
}
