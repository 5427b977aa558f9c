using Xunit;
using Xunit.Abstractions;

namespace Experimentation.Statistics.Tests.Simulation;

/// <summary>
/// Coverage of the percentile CI, as the live path computes it (each arm's values in a DDSketch, GrowthBook's rank
/// interval, and at event level the users' clusters): over 1,000 simulated experiments per case, the 95% CI of
/// q̂_T − q̂_C must cover the true difference of population quantiles in at least 93% of them.
/// </summary>
public sealed class PercentileCoverageSimulationTests(ITestOutputHelper output)
{
    private const int Runs = 1000;

    // Latency per event: exp(level + 0.5·ε), level ~ N(ln 200, 0.35²) per user, so events are log-normal with
    // σ² = 0.35² + 0.5² marginally and correlated within a user. The treatment multiplies every latency by `slow`, so
    // the true difference is (slow − 1)·exp(ln 200 + σ z_q).
    [Theory]
    [InlineData(0.95, 2000, 1, 1.05)]
    [InlineData(0.5, 2000, 1, 1.0)]
    [InlineData(0.95, 500, 6, 1.05)]
    [InlineData(0.99, 800, 4, 1.1)]
    public void TheNinetyFivePercentIntervalCoversTheTrueQuantileDifference(double q, int users, int eventsPerUser, double slow)
    {
        bool clustered = eventsPerUser > 1;
        double sigma = Math.Sqrt(0.35 * 0.35 + 0.5 * 0.5);
        double truth = (slow - 1) * Math.Exp(Math.Log(200) + sigma * NormalDistribution.Quantile(q));
        var random = new Random(1400 + (int)(q * 100) + eventsPerUser);
        int covered = 0;
        for (int run = 0; run < Runs; run++)
        {
            var control = Arm(random, q, users, eventsPerUser, 1.0, clustered);
            var treatment = Arm(random, q, users, eventsPerUser, slow, clustered);
            var r = PercentileTest.Compare(control, treatment);
            Assert.Equal(StatisticsError.None, r.Error);
            if (r.ConfidenceInterval.Lower <= truth && truth <= r.ConfidenceInterval.Upper) covered++;
        }
        double rate = covered / (double)Runs;
        // A true 95% would fall below 93% with probability ≈ Φ((0.93 − 0.95)/√(0.95·0.05/1000)) = 0.2%.
        output.WriteLine($"q={q} users={users} events/user={eventsPerUser}: covered {covered}/{Runs} = {rate:P1} (true difference {truth:F2})");
        Assert.True(rate >= 0.93, $"covered {covered}/{Runs} = {rate:P1}");
    }

    private static QuantileSample Arm(Random random, double q, int users, int eventsPerUser, double slow, bool clustered)
    {
        var values = new List<double>(users * eventsPerUser);
        var owners = new List<int>(users * eventsPerUser);
        for (int u = 0; u < users; u++)
        {
            int events = clustered ? 1 + random.Poisson(eventsPerUser - 1) : 1;
            double level = Math.Log(200) + 0.35 * random.Gaussian();
            for (int e = 0; e < events; e++)
            {
                values.Add(slow * Math.Exp(level + 0.5 * random.Gaussian()));
                owners.Add(u);
            }
        }
        var sketch = QuantileSketch.Of(values);
        if (!clustered) return new QuantileSample(q, sketch);
        int index = sketch.IndexAtRank(QuantileSample.RankOf(q, sketch.Count));
        return new QuantileSample(q, sketch, PercentileTestTests.Clusters(values.ToArray(), owners.ToArray(), v => LogBuckets.IndexOf(v) <= index));
    }
}
