using System.Text.Json;
using Experimentation.GrainInterfaces.Aggregation;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.Statistics;
using Experimentation.Tests.Infrastructure;
using static Experimentation.Tests.Ingestion.IngestionScenario;

namespace Experimentation.Tests.Ingestion;

/// <summary>
/// No cancellation between the event and the test: a latency near 1e6 with a spread of about 0.1, 100,000 users per
/// arm and one event each, ingested over HTTP. The aggregators' n, mean and variance equal the exact values, and the
/// engine's Welch t equals scipy's on the same per-user values. Expected values from
/// reference/exact_sums_reference.py (fractions.Fraction; scipy.stats.ttest_ind with equal_var=False).
/// </summary>
/// <remarks>
/// The values lie on a grid of 2^-16, in pairs μ ± d around each arm's mean, so that float64 holds them, every sum and
/// both means exactly, and scipy's t is itself exact to a few ulps. On arbitrary float64 data near 1e6 the difference
/// of the means carries about 1e-7 relative error even in scipy, so no reference would be good to 1e-9.
/// </remarks>
[Collection(PlatformCollection.Name)]
public sealed class ExactSumsTests
{
    private const int Pairs = 50_000;
    private const string LatencyType = "latency";
    private readonly PlatformFixture _platform;

    public ExactSumsTests(PlatformFixture platform) => _platform = platform;

    /// <summary>The generator of reference/exact_sums_reference.py: user 2j is μ + d_j, user 2j + 1 is μ − d_j.</summary>
    private static double Value(string arm, int user)
    {
        var j = user / 2;
        var k = arm == "control" ? (j * 7919L + 3) % 13_107 + 1 : (j * 104_729L + 17) % 14_000 + 1;
        var mean = arm == "control" ? 1_000_000.0 : 1_000_000.0 + Math.ScaleB(1, -9);
        return user % 2 == 0 ? mean + k * Math.ScaleB(1, -16) : mean - k * Math.ScaleB(1, -16);
    }

    [Fact]
    public async Task AMeanNearOneMillionWithASpreadOfATenthKeepsEveryDigitFromHttpToTheWelchTest()
    {
        using var reference = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Ingestion", "reference", "exact-sums.json")));
        var (experiment, latency) = await CreateAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        var exposedAt = DateTimeOffset.UtcNow.AddHours(-1);
        var events = new[] { "control", "green" }.SelectMany(arm => Enumerable.Range(0, 2 * Pairs).SelectMany(u => new object[]
        {
            new { eventId = Guid.NewGuid(), type = "exposure", userId = $"exact-{run}-{arm}-{u}", timestamp = exposedAt, experiment, variant = arm },
            Metric($"exact-{run}-{arm}-{u}", LatencyType, Value(arm == "green" ? "treatment" : "control", u), exposedAt.AddMinutes(5)),
        }));
        foreach (var batch in events.Chunk(10_000)) await IngestAsync(_platform.Http, batch);

        var arms = new Dictionary<string, SampleMean>();
        foreach (var (arm, name) in new[] { ("control", "control"), ("green", "treatment") })
        {
            var stats = await Eventually.Until($"{arm} to hold {2 * Pairs} users with a latency",
                () => _platform.Grains.GetGrain<IVariantAggregatorGrain>(IVariantAggregatorGrain.KeyOf(experiment, arm)).Get(),
                s => s.ExposedUsers == 2 * Pairs && s.Total(latency).Count == 2 * Pairs && s.Total(latency).Values.Zeros == 0,
                TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200), s => $"{s.ExposedUsers} exposed, {s.Total(latency)}");
            var sample = Moments(stats.Total(latency));
            var expected = reference.RootElement.GetProperty(name);
            Assert.Equal(expected.GetProperty("n").GetInt64(), sample.Count);
            Close(expected.GetProperty("mean").GetDouble(), sample.Mean, 1e-12, $"{arm} mean");
            Close(expected.GetProperty("var").GetDouble(), sample.Variance, 1e-12, $"{arm} variance");
            arms[arm] = sample;
        }

        var welch = WelchTest.Compare(arms["control"], arms["green"]);
        var scipy = reference.RootElement.GetProperty("welch");
        Close(scipy.GetProperty("t").GetDouble(), welch.Statistic, 1e-9, "Welch t");
        Close(scipy.GetProperty("df").GetDouble(), welch.DegreesOfFreedom, 1e-9, "Welch df");
        Close(scipy.GetProperty("p").GetDouble(), welch.PValue, 1e-7, "p");

        // And the live look over HTTP, which the analysis grain computes from the same sums.
        var report = JsonDocument.Parse(await _platform.Http.GetStringAsync($"/api/experiments/{experiment}/results")).RootElement;
        var live = LiveReports.Metric(report, 0).GetProperty("comparisons")[0];
        Close(scipy.GetProperty("t").GetDouble(), live.GetProperty("statistic").GetDouble(), 1e-9, "live Welch t");
        Close(scipy.GetProperty("df").GetDouble(), live.GetProperty("degreesOfFreedom").GetDouble(), 1e-9, "live Welch df");
        Close(scipy.GetProperty("p").GetDouble(), live.GetProperty("pValue").GetDouble(), 1e-7, "live p");
    }

    private async Task<(string Experiment, string Latency)> CreateAsync()
    {
        var (experiment, latency) = (Samples.Key("exact"), Samples.Key("latency"));
        var registry = _platform.Grains.GetGrain<IMetricRegistryGrain>(0);
        Assert.True((await registry.Create(new MetricDefinition(latency, "Latency (µs)", MetricType.Mean, LatencyType, MetricAggregation.Sum, null, null, default))).Accepted);
        var grain = _platform.Grains.GetGrain<IExperimentGrain>(experiment);
        Assert.True((await grain.Create(Samples.Ab() with
        {
            Metrics = [new MetricBinding(latency, MetricRole.Primary, MetricDirection.LowerBetter, 0.05)],
        })).Accepted);
        Assert.True((await grain.Start()).Accepted);
        return (experiment, latency);
    }

    private static void Close(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected),
            $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2}, allowed {relative:E0})");
}
