using System.Text.Json;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Tests.Infrastructure;
using static Experimentation.Tests.Ingestion.IngestionScenario;
using static Experimentation.Tests.Ingestion.RevenueSignupScenario;

namespace Experimentation.Tests.Ingestion;

/// <summary>
/// Events from a seeded generator, ingested over HTTP, give the results that scipy computes from the same per-user
/// data. Expected values are printed by reference/results_reference.py (scipy.stats.ttest_ind with equal_var=False,
/// scipy.stats.t.ppf, scipy.stats.chi2_contingency with correction=False).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class EndToEndResultsTests
{
    private const int Users = 2000;
    private readonly PlatformFixture _platform;

    public EndToEndResultsTests(PlatformFixture platform) => _platform = platform;

    [Fact]
    public async Task ResultsEqualScipyOnTheSamePerUserData()
    {
        var (experiment, revenue, signups) = await CreateAsync(_platform.Grains, "e2e", MetricRole.Primary);
        var now = DateTimeOffset.UtcNow;
        var events = new List<object>();
        for (var i = 0; i < Users; i++)
        {
            var user = $"e2e-{i}";
            var exposedAt = now.AddDays(-(i % 3)).AddMinutes(-10);
            events.Add(new { eventId = Guid.NewGuid(), type = "exposure", userId = user, timestamp = exposedAt, experiment, variant = i % 2 == 1 ? "green" : "control" });
            // Before exposure: kept, but never in the analysis.
            events.Add(Metric(user, PurchaseType, 500, exposedAt.AddMinutes(-5)));
            if (Revenue(i) > 0) events.Add(Metric(user, PurchaseType, Revenue(i), exposedAt.AddMinutes(1)));
            if (SignedUp(i)) events.Add(Metric(user, SignupType, 1, exposedAt.AddMinutes(2)));
        }
        foreach (var batch in events.Chunk(1000)) await IngestAsync(_platform.Http, batch);

        var results = await SettledResultsAsync(_platform.Http, experiment, Users);
        var metrics = results.GetProperty("metrics");
        var rev = metrics[0];
        Assert.Equal(revenue, rev.GetProperty("metricKey").GetString());
        Assert.Equal(17.982, rev.GetProperty("variants")[0].GetProperty("value").GetDouble(), 1e-12);
        Assert.Equal(19.315, rev.GetProperty("variants")[1].GetProperty("value").GetDouble(), 1e-12);
        var welch = rev.GetProperty("comparisons")[0];
        Assert.Equal("welch_t", welch.GetProperty("test").GetString());
        Close(2.766205185798951, welch.GetProperty("statistic"), 1e-9);
        Close(1997.5285034779722, welch.GetProperty("degreesOfFreedom"), 1e-9);
        Close(0.005723490856872261, welch.GetProperty("pValue"), 1e-7);
        Close(0.3879450115905524, welch.GetProperty("absoluteCi")[0], 1e-7);
        Close(2.2780549884094516, welch.GetProperty("absoluteCi")[1], 1e-7);
        Close(1.9621226971256476, welch.GetProperty("relativeCiPercent")[0], 1e-7);
        Close(12.863814351033644, welch.GetProperty("relativeCiPercent")[1], 1e-7);

        var conv = metrics[1];
        Assert.Equal(signups, conv.GetProperty("metricKey").GetString());
        Assert.Equal(285, conv.GetProperty("variants")[0].GetProperty("statistics").GetProperty("conversions").GetInt64());
        Assert.Equal(351, conv.GetProperty("variants")[1].GetProperty("statistics").GetProperty("conversions").GetInt64());
        var chi = conv.GetProperty("comparisons")[0];
        Assert.Equal("chi_squared", chi.GetProperty("test").GetString());
        Close(10.042604990870359, chi.GetProperty("statistic"), 1e-9);
        Close(0.0015296074230049792, chi.GetProperty("pValue"), 1e-7);

        // Both metrics are primary: BH over a family of two raises the larger p to itself and keeps the smaller one
        // below it, never below its raw value.
        Close(0.005723490856872261, welch.GetProperty("adjustedPValue"), 1e-7);
        Close(2 * 0.0015296074230049792, chi.GetProperty("adjustedPValue"), 1e-7);
        Assert.False(results.GetProperty("srm").GetProperty("isMismatch").GetBoolean());
        Assert.Equal(0, results.GetProperty("mismatches").GetProperty("conflictingVariant").GetInt64());

        using var sequential = JsonDocument.Parse(await _platform.Http.GetStringAsync($"/api/experiments/{experiment}/results/sequential"));
        var series = sequential.RootElement.GetProperty("series")[0].GetProperty("points");
        // One look: the totals as they stand (the per-day cohorts of exposure are gone).
        Assert.Equal(1, series.GetArrayLength());
        Assert.Equal(Users, series[0].GetProperty("users").GetInt64());
        Assert.Equal(welch.GetProperty("alwaysValidPValue").GetDouble(), series[0].GetProperty("alwaysValidPValue").GetDouble());
    }

    [Fact]
    public async Task ResultsOfAnUnknownExperimentAreNotFound()
    {
        using var response = await _platform.Http.GetAsync("/api/experiments/no-such-experiment/results");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static void Close(double expected, JsonElement actual, double relative) =>
        Assert.True(Math.Abs(actual.GetDouble() - expected) <= relative * Math.Abs(expected),
            $"expected {expected:R} within {relative} relative, got {actual.GetDouble():R}");
}
