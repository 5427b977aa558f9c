using System.Text.Json;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.Tests.Infrastructure;
using Experimentation.Tests.Ingestion;
using static Experimentation.Tests.Ingestion.IngestionScenario;

namespace Experimentation.Tests.LiveAnalysis;

/// <summary>
/// Novelty through HTTP ingestion, on the daily cohorts: ten days, 1,500 users per arm first exposed each day,
/// a count metric. A steady +5% daily rate is not flagged; an uplift only in each user's first two days is.
/// </summary>
/// <remarks>
/// The planned window is ten days (startDate ten days ago, endDate now), so the early window is round(0.2 × 10) = 2
/// days since each user's first exposure. The flag rate of the steady case over many experiments is bounded by the
/// simulation in the statistics tests; these two seeded experiments check the live path end to end.
/// </remarks>
[Collection(PlatformCollection.Name)]
public sealed class NoveltyCohortTests(PlatformFixture platform)
{
    private const int Days = 10;
    private const int UsersPerArmPerDay = 1500;
    private const double DailyRate = 0.3;
    private const string EventType = "session";

    [Fact]
    public async Task ASteadyEffectIsNotFlagged()
    {
        var novelty = await RunAsync("steady", age => 1.05, seed: 11);
        Assert.False(novelty.GetProperty("flagged").GetBoolean(), novelty.GetRawText());
        Assert.Equal(2, novelty.GetProperty("earlyDays").GetInt32());
        // Both windows show the same relative effect, near +5%.
        Assert.InRange(novelty.GetProperty("earlyEffect").GetDouble(), -0.02, 0.12);
        Assert.InRange(novelty.GetProperty("lateEffect").GetDouble(), -0.02, 0.12);
    }

    [Fact]
    public async Task AnEffectOnlyInEachUsersFirstTwoDaysIsFlagged()
    {
        var novelty = await RunAsync("novel", age => age < 2 ? 1.6 : 1.0, seed: 12);
        Assert.True(novelty.GetProperty("flagged").GetBoolean(), novelty.GetRawText());
        Assert.True(novelty.GetProperty("earlyEffect").GetDouble() > 0.4, novelty.GetRawText());
        Assert.InRange(novelty.GetProperty("lateEffect").GetDouble(), -0.06, 0.06);
    }

    // Ingests the cohorts over HTTP and returns the settled report's novelty check of the treatment.
    private async Task<JsonElement> RunAsync(string prefix, Func<int, double> treatmentMultiplier, int seed)
    {
        var now = DateTimeOffset.UtcNow;
        var start = now.AddDays(-Days);
        var key = Samples.Key(prefix);
        var metric = Samples.Key($"{prefix}-sessions");
        await platform.Grains.GetGrain<IMetricRegistryGrain>(0).Create(
            new MetricDefinition(metric, "Sessions", MetricType.Mean, EventType, MetricAggregation.Count, null, null, default));
        var grain = platform.Grains.GetGrain<IExperimentGrain>(key);
        var created = await grain.Create(Samples.Ab() with
        {
            StartDate = start,
            // Ahead of the whole test, since the end date now pauses the experiment (docs/automation.md, "Scheduling").
            EndDate = now.AddHours(1),
            Metrics = [new MetricBinding(metric, MetricRole.Primary, MetricDirection.HigherBetter, 0.05)],
        });
        Assert.True(created.Accepted, created.Error?.Message);
        Assert.True((await grain.Start()).Accepted);

        var random = new Random(seed);
        var events = new List<object>();
        long[] counts = [0, 0];
        string[] arms = ["control", "green"];
        for (var day = 0; day < Days; day++)
            for (var arm = 0; arm < 2; arm++)
                for (var i = 0; i < UsersPerArmPerDay; i++)
                {
                    var user = $"{key}-{day}-{arm}-{i}";
                    var exposedAt = start.AddDays(day + 0.9 * random.NextDouble());
                    events.Add(new { eventId = Guid.NewGuid(), type = "exposure", userId = user, timestamp = exposedAt, experiment = key, variant = arms[arm] });
                    // Heterogeneous users: a log-normal rate per user, the same in both arms.
                    var rate = DailyRate * Math.Exp(0.5 * Gaussian(random) - 0.125);
                    for (var age = 0; exposedAt.AddDays(age) < now; age++)
                    {
                        var multiplier = arm == 1 ? treatmentMultiplier(age) : 1.0;
                        for (var k = Poisson(random, rate * multiplier); k > 0; k--)
                        {
                            var at = exposedAt.AddDays(age + random.NextDouble());
                            if (at >= now) continue;
                            events.Add(Metric(user, EventType, 1, at));
                            counts[arm]++;
                        }
                    }
                }
        foreach (var batch in events.Chunk(5000)) await IngestAsync(platform.Http, batch);

        var units = (long)Days * UsersPerArmPerDay;
        var live = new LiveExperiment(platform.Http, key, arms);
        var report = await Eventually.Until($"{key} to count every user and session",
            () => live.ReportAsync(),
            r => LiveReports.Units(r).SequenceEqual([units, units]) && Sessions(r).SequenceEqual(counts),
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200),
            r => $"units {string.Join('/', LiveReports.Units(r))}, sessions {string.Join('/', Sessions(r))} of {string.Join('/', counts)}");
        return LiveExperiment.Comparison(report).GetProperty("novelty");
    }

    private static long[] Sessions(JsonElement report) => LiveReports.Metric(report, 0).GetProperty("arms").EnumerateArray()
        .Select(a => (long)Math.Round(a.GetProperty("mean").GetDouble() * a.GetProperty("n").GetInt64())).ToArray();

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    // Knuth's method: fine for the small means here.
    private static int Poisson(Random random, double mean)
    {
        double limit = Math.Exp(-mean), product = random.NextDouble();
        var k = 0;
        while (product > limit)
        {
            k++;
            product *= random.NextDouble();
        }
        return k;
    }
}
