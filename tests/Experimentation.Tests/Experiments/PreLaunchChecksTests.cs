using System.Net;
using System.Text.Json;
using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.GrainInterfaces.Namespaces;
using Experimentation.Tests.Infrastructure;
using Experimentation.Tests.LiveAnalysis;

namespace Experimentation.Tests.Experiments;

/// <summary>
/// GET /api/experiments/{key}/checks and the gates it drives. The sample sizes are statsmodels NormalIndPower's
/// (vectors/pre-launch-checks.json, written by vectors/generate_pre_launch_checks.py).
/// </summary>
[Collection(ReviewCollection.Name)]
public sealed class PreLaunchChecksTests(PlatformFixture platform)
{
    private static readonly Lazy<JsonElement[]> Vectors = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Experiments", "vectors", "pre-launch-checks.json")))
            .RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray());

    private HttpClient Http => platform.Http;

    public static TheoryData<string> DefinitionCases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Vectors.Value.Where(c => c.GetProperty("source").GetString() == "definition")) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    [Theory, MemberData(nameof(DefinitionCases))]
    public async Task TheSampleSizeAndDurationFromThePowerInputsMatchStatsmodels(string name)
    {
        var vector = Vectors.Value.Single(c => c.GetProperty("name").GetString() == name);
        var type = vector.GetProperty("metricType").GetString() == "conversion" ? MetricType.Conversion : MetricType.Mean;
        var metric = await Metric(type);
        var weights = vector.GetProperty("weights").EnumerateArray().Select(w => w.GetInt32()).ToArray();
        NamespaceClaim? claim = null;
        if (vector.GetProperty("namespaceSlots") is { ValueKind: JsonValueKind.Array } slots)
        {
            var ns = Samples.Key("layer");
            Assert.True((await platform.Grains.GetGrain<INamespaceGrain>(ns).Create(slots[1].GetInt32())).Accepted);
            claim = new NamespaceClaim(ns, slots[0].GetInt32());
        }
        var definition = Samples.Ab() with
        {
            Namespace = claim,
            Variants = [new("control", weights[0], "{}", true), new("green", weights[1], "{}", false)],
            TrafficPercent = vector.GetProperty("trafficPercent").GetDouble(),
            Metrics = [Primary(metric)],
            Mde = vector.GetProperty("mde").GetDouble(),
            Power = new PowerInputs(vector.GetProperty("baseline").GetDouble(),
                type == MetricType.Mean ? vector.GetProperty("standardDeviation").GetDouble() : null,
                vector.GetProperty("expectedDailyUsers").GetInt64()),
        };

        var checks = await ChecksOf(await Create(definition));

        var size = Check(checks, "sample_size");
        Assert.Equal("pass", size.GetProperty("status").GetString());
        Assert.Equal(vector.GetProperty("perArm").GetInt64(), size.GetProperty("value").GetInt64());
        Assert.Contains("from the power inputs of the definition", size.GetProperty("reason").GetString());
        var duration = Check(checks, "duration");
        Assert.Equal("pass", duration.GetProperty("status").GetString());
        Assert.Equal(vector.GetProperty("days").GetInt64(), duration.GetProperty("value").GetInt64());
    }

    [Fact]
    public async Task WithoutPowerInputsTheSampleSizeComesFromTheMetricsRecentData()
    {
        var vector = Vectors.Value.Single(c => c.GetProperty("source").GetString() == "recent");
        // 200 users per arm of an earlier experiment; 30 of its control users converted (the rate 0.15).
        var earlier = await LiveExperiment.StartAsync(platform.Grains, Http, "recent", ["control", "green"]);
        await earlier.ExposeAsync([200, 200], DateTimeOffset.UtcNow.AddMinutes(-5));
        await earlier.ConvertAsync(0, 0, 30, DateTimeOffset.UtcNow.AddMinutes(-1));
        var metric = (await platform.Grains.GetGrain<IExperimentGrain>(earlier.Key).Get())!.Definition.Metrics[0].MetricKey;
        var control = platform.Grains.GetGrain<IVariantAggregatorGrain>(IVariantAggregatorGrain.KeyOf(earlier.Key, "control"));
        await Eventually.Until("the earlier control arm to count 200 users and 30 conversions", control.Get,
            s => s.Total(metric).Count == 200 && s.Total(metric).Conversions == 30);

        var key = await Create(Samples.Ab() with { Metrics = [Primary(metric)], Mde = vector.GetProperty("mde").GetDouble() });
        var size = Check(await ChecksOf(key), "sample_size");

        Assert.Equal("pass", size.GetProperty("status").GetString());
        Assert.Equal(vector.GetProperty("perArm").GetInt64(), size.GetProperty("value").GetInt64());
        Assert.Contains($"control of '{earlier.Key}', 200 users", size.GetProperty("reason").GetString());
        Assert.Equal("warn", Check(await ChecksOf(key), "duration").GetProperty("status").GetString());
    }

    [Fact]
    public async Task EachCheckSaysPassWarnOrFailWithItsReason()
    {
        var bare = await Create(Samples.Ab() with { Mde = null });
        var body = await (await Http.GetAsync($"/api/experiments/{bare}/checks")).AssertStatus(HttpStatusCode.OK);
        var json = await body.Json();

        Assert.Equal("fail", json.GetProperty("status").GetString());
        var statuses = json.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string?>
        {
            ["primary_metric"] = "fail", ["mde"] = "fail", ["sample_size"] = "warn", ["duration"] = "warn",
            ["namespace_slots"] = "pass", ["guardrails"] = "warn", ["variant_configs"] = "pass",
        }, statuses);
        Assert.All(json.GetProperty("checks").EnumerateArray(), c => Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("reason").GetString())));
    }

    [Fact]
    public async Task VariantConfigsWithDifferentFieldsWarn()
    {
        var key = await Create(Samples.Ab() with
        {
            Variants = [new("control", 1, """{"color":"blue","size":2}""", true), new("green", 1, """{"color":"green"}""", false)],
        });

        var configs = Check(await ChecksOf(key), "variant_configs");

        Assert.Equal("warn", configs.GetProperty("status").GetString());
        Assert.Contains("'size'", configs.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task AFailingCheckBlocksSubmissionAndAWarningDoesNot()
    {
        var metrics = Samples.Key("gate");
        await Samples.RegisterMetricsAsync(platform.Grains, metrics);
        var noPrimary = await Create(Samples.Reviewable(metrics) with { Metrics = [] });
        var noGuardrail = await Create(Samples.Reviewable(metrics) with { Metrics = Samples.Reviewable(metrics).Metrics[..1] });

        var refused = await (await Http.PostAsync($"/api/experiments/{noPrimary}/submit", null)).AssertProblem(HttpStatusCode.Conflict);
        var accepted = await Http.PostAsync($"/api/experiments/{noGuardrail}/submit", null);

        Assert.StartsWith("Pre-launch checks fail: primary_metric (No primary metric is bound", refused.GetProperty("detail").GetString());
        Assert.Equal(["ExperimentCreated"], (await platform.Grains.GetGrain<IExperimentGrain>(noPrimary).GetHistory()).Select(h => h.Type));
        Assert.Equal("in_review", (await (await accepted.AssertStatus(HttpStatusCode.OK)).Json()).GetProperty("status").GetString());
        Assert.Equal("warn", Check(await ChecksOf(noGuardrail), "guardrails").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ANamespaceThatFilledUpAfterSubmissionBlocksTheApprovalAndNamesTheExperimentsInTheWay()
    {
        var ns = Samples.Key("layer");
        Assert.True((await platform.Grains.GetGrain<INamespaceGrain>(ns).Create(100)).Accepted);
        var metrics = Samples.Key("slots");
        await Samples.RegisterMetricsAsync(platform.Grains, metrics);
        var waiting = await Create(Samples.Reviewable(metrics) with { Namespace = new NamespaceClaim(ns, 60) });
        await (await Http.PostAsync($"/api/experiments/{waiting}/submit", null)).AssertStatus(HttpStatusCode.OK);
        var first = Check(await ChecksOf(waiting), "namespace_slots");
        Assert.Equal(("pass", 100), (first.GetProperty("status").GetString(), first.GetProperty("value").GetInt32()));

        var holder = await Create(Samples.Ab() with { Namespace = new NamespaceClaim(ns, 50) });
        await (await Http.PostAsync($"/api/experiments/{holder}/start", null)).AssertStatus(HttpStatusCode.OK);
        var collision = Check(await ChecksOf(waiting), "namespace_slots");
        using var reviewer = await Reviewers.CreateClientAsync(platform);
        var approval = await (await reviewer.PostAsync($"/api/experiments/{waiting}/approve", null)).AssertProblem(HttpStatusCode.Conflict);

        Assert.Equal("fail", collision.GetProperty("status").GetString());
        Assert.Contains($"in the way: '{holder}' [0, 50)", collision.GetProperty("reason").GetString());
        Assert.Contains($"namespace_slots (Namespace '{ns}' has no 60 contiguous free slots now", approval.GetProperty("detail").GetString());
        Assert.Equal(ExperimentStatus.InReview, (await platform.Grains.GetGrain<IExperimentGrain>(waiting).Get())!.Status);
    }

    [Fact]
    public async Task ChecksOfAnUnknownExperimentAreNotFound()
    {
        var response = await Http.GetAsync($"/api/experiments/{Samples.Key("ghost")}/checks");

        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AConversionBaselineOutsideZeroAndOneFailsTheSampleSize()
    {
        var metric = await Metric(MetricType.Conversion);
        var key = await Create(Samples.Ab() with { Metrics = [Primary(metric)], Power = new PowerInputs(12, null, null) });

        var size = Check(await ChecksOf(key), "sample_size");

        Assert.Equal("fail", size.GetProperty("status").GetString());
        Assert.Contains("power.baseline must be a rate between 0 and 1", size.GetProperty("reason").GetString());
    }

    private static MetricBinding Primary(string metric) => new(metric, MetricRole.Primary, MetricDirection.HigherBetter, MetricBinding.DefaultMaxDegradation);

    private async Task<string> Metric(MetricType type)
    {
        var key = Samples.Key("planned");
        var created = await platform.Grains.GetGrain<IMetricRegistryGrain>(0).Create(new MetricDefinition(key, "Planned", type, "purchase",
            type == MetricType.Conversion ? MetricAggregation.Count : MetricAggregation.Sum, null, null, default));
        Assert.True(created.Accepted, created.Error?.Message);
        return key;
    }

    private async Task<string> Create(ExperimentDefinition definition)
    {
        var key = Samples.Key("checks");
        var created = await platform.Grains.GetGrain<IExperimentGrain>(key).Create(definition);
        Assert.True(created.Accepted, created.Error?.Message);
        return key;
    }

    private async Task<JsonElement> ChecksOf(string key) =>
        (await (await (await Http.GetAsync($"/api/experiments/{key}/checks")).AssertStatus(HttpStatusCode.OK)).Json()).GetProperty("checks");

    private static JsonElement Check(JsonElement checks, string name) =>
        checks.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
}
