using System.Text.Json;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Metrics;
using Experimentation.Tests.Infrastructure;
using static Experimentation.Tests.Ingestion.IngestionScenario;

namespace Experimentation.Tests.Ingestion;

/// <summary>
/// The seeded per-user data of reference/results_reference.py (revenue and sign-ups), and a running A/B experiment
/// bound to a revenue mean and a sign-up conversion, in that order, so tests that ingest it can read the results.
/// </summary>
public static class RevenueSignupScenario
{
    public const string SignupType = "signup";

    // The generator of reference/results_reference.py, line for line.
    public static int Revenue(int i) => (i * 7919 % 37) + (i % 2 == 1 && i % 3 == 0 ? 4 : 0);
    public static bool SignedUp(int i) => i * 31 % 7 < 2 || (i % 2 == 1 && i % 11 == 0);

    /// <summary>Registers both metrics, creates and starts the experiment; keys start with the prefix.</summary>
    public static async Task<(string Experiment, string Revenue, string Signups)> CreateAsync(
        IGrainFactory grains, string prefix, MetricRole signupRole, DecisionMode mode = DecisionMode.Sequential)
    {
        var (experiment, revenue, signups) = (Samples.Key(prefix), Samples.Key($"{prefix}-rev"), Samples.Key($"{prefix}-signup"));
        var registry = grains.GetGrain<IMetricRegistryGrain>(0);
        await registry.Create(new MetricDefinition(revenue, "Revenue", MetricType.Mean, PurchaseType, MetricAggregation.Sum, null, null, default));
        await registry.Create(new MetricDefinition(signups, "Signed up", MetricType.Conversion, SignupType, MetricAggregation.Count, null, null, default));
        var grain = grains.GetGrain<IExperimentGrain>(experiment);
        Assert.True((await grain.Create(Samples.Ab() with
        {
            DecisionMode = mode,
            Metrics =
            [
                new MetricBinding(revenue, MetricRole.Primary, MetricDirection.HigherBetter, 0.05),
                new MetricBinding(signups, signupRole, MetricDirection.HigherBetter, 0.05),
            ],
        })).Accepted);
        Assert.True((await grain.Start()).Accepted);
        return (experiment, revenue, signups);
    }

    /// <summary>Polls the results until every user is exposed and every sign-up is counted; fails after 15 s.</summary>
    public static Task<JsonElement> SettledResultsAsync(HttpClient http, string experiment, int users)
    {
        var signups = Enumerable.Range(0, users).Count(SignedUp);
        return Eventually.Until($"{experiment} to show {users} exposed users and {signups} sign-ups",
            async () => JsonDocument.Parse(await http.GetStringAsync($"/api/experiments/{experiment}/results")).RootElement.Clone(),
            results => Exposed(results) == users && Converted(results) == signups,
            TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(50),
            results => $"{Exposed(results)} exposed, {Converted(results)} signed up in {results.GetRawText()}");
    }

    private static long Exposed(JsonElement results) => LiveReports.Units(results).Sum();

    private static long Converted(JsonElement results) => LiveReports.Conversions(LiveReports.Metric(results, 1)).Sum();
}
