using System.Net.Http.Json;
using System.Text.Json;
using Experimentation.Tests.Infrastructure;
using Npgsql;

namespace Experimentation.Tests.Ingestion;

/// <summary>
/// A workload with a known answer, for the tests that break processes while it is ingested: an experiment with a
/// revenue and a conversion metric, five events per user in shuffled order, and the exact per-variant truth.
/// </summary>
public static class GroundTruthScenario
{
    public static async Task<string> SetUpAsync(HttpClient http, string prefix = "kill")
    {
        var experiment = Samples.Key(prefix);
        var revenue = Samples.Key(prefix + "-rev");
        var converted = Samples.Key(prefix + "-conv");
        (await http.PostAsJsonAsync("/api/metrics", new { key = revenue, name = "Revenue", type = "mean", eventType = "purchase", aggregation = "sum" })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/api/metrics", new { key = converted, name = "Purchased", type = "conversion", eventType = "purchase", aggregation = "count" })).EnsureSuccessStatusCode();
        var body = JsonSerializer.Deserialize<Dictionary<string, object>>(Samples.AbJson(experiment))!;
        body["metrics"] = new[] { new { metricKey = revenue, role = "primary", direction = "higher_better" }, new { metricKey = converted, role = "primary", direction = "higher_better" } };
        (await http.PostAsJsonAsync("/api/experiments", body)).EnsureSuccessStatusCode();
        (await http.PostAsync($"/api/experiments/{experiment}/start", null)).EnsureSuccessStatusCode();
        return experiment;
    }

    /// <summary>
    /// Per user: one exposure, three purchases after it and one before it (which must not count). A green lift adds to
    /// each of green's purchases, so the always-valid p falls as data arrives.
    /// </summary>
    public static (object[] Events, Dictionary<string, (long N, double Sum, double SumSquares, long Conversions)> Truth) Generate(string experiment, int users, int greenLift = 0)
    {
        var random = new Random(20240611);
        var start = DateTimeOffset.UtcNow.AddHours(-3);
        var events = new List<object>(users * 5);
        var truth = new Dictionary<string, (long N, double Sum, double SumSquares, long Conversions)> { ["control"] = default, ["green"] = default };
        for (var u = 0; u < users; u++)
        {
            var user = $"user-{u}";
            var variant = random.Next(2) == 0 ? "control" : "green";
            var exposedAt = start.AddSeconds(random.Next(3600));
            events.Add(new { eventId = Guid.NewGuid(), type = "exposure", userId = user, timestamp = exposedAt, experiment, variant });
            events.Add(new { eventId = Guid.NewGuid(), type = "metric", userId = user, timestamp = exposedAt.AddMinutes(-1), eventType = "purchase", value = 1000.0 });
            double x = 0;
            var purchases = 0;
            for (var k = 0; k < 3; k++)
            {
                // Some users buy nothing after exposure (value events of 0 still convert them, so skip those).
                if (random.Next(4) == 0) continue;
                var value = random.Next(1, 50) + (variant == "green" ? greenLift : 0);
                x += value;
                purchases++;
                events.Add(new { eventId = Guid.NewGuid(), type = "metric", userId = user, timestamp = exposedAt.AddSeconds(1 + random.Next(3600)), eventType = "purchase", value = (double)value });
            }
            while (events.Count < (u + 1) * 5)
                events.Add(new { eventId = Guid.NewGuid(), type = "metric", userId = user, timestamp = exposedAt.AddSeconds(5), eventType = "view", value = 1.0 });
            var t = truth[variant];
            truth[variant] = (t.N + 1, t.Sum + x, t.SumSquares + x * x, t.Conversions + (purchases > 0 ? 1 : 0));
        }
        // Arrival order is not time order: shuffle so metrics often arrive before their user's exposure.
        var shuffled = events.ToArray();
        random.Shuffle(shuffled);
        return (shuffled, truth);
    }

    // The report carries n, the mean and the variance; from the integer ground truth, n and the conversions must be
    // exact, and the mean and variance equal to the last digits a double keeps.
    public static async Task AssertResultsEqualAsync(HttpClient http, string experiment,
        Dictionary<string, (long N, double Sum, double SumSquares, long Conversions)> truth)
    {
        var expected = truth.ToDictionary(t => t.Key, t => (t.Value.N, Mean: t.Value.Sum / t.Value.N,
            Variance: (t.Value.SumSquares - t.Value.Sum * t.Value.Sum / t.Value.N) / (t.Value.N - 1), t.Value.Conversions));
        static string Show(IDictionary<string, (long, double, double, long)> byVariant) =>
            string.Join("; ", byVariant.OrderBy(v => v.Key).Select(v => $"{v.Key} {v.Value}"));
        static bool Near(double a, double b, double relative) => Math.Abs(a - b) <= relative * Math.Abs(b);
        await Eventually.Until($"the results to equal ground truth, {Show(expected)}", async () =>
        {
            var results = JsonDocument.Parse(await http.GetStringAsync($"/api/experiments/{experiment}/results")).RootElement;
            var revenue = LiveReports.Metric(results, 0);
            var conversions = LiveReports.Conversions(LiveReports.Metric(results, 1));
            return revenue.GetProperty("arms").EnumerateArray().Select((a, i) => (Key: a.GetProperty("key").GetString()!,
                    Value: (a.GetProperty("n").GetInt64(), a.GetProperty("mean").GetDouble(), a.GetProperty("variance").GetDouble(), conversions[i])))
                .ToDictionary(x => x.Key, x => x.Value);
        }, seen => expected.All(t => seen.TryGetValue(t.Key, out var s) && s.Item1 == t.Value.N && s.Item4 == t.Value.Conversions
                && Near(s.Item2, t.Value.Mean, 1e-12) && Near(s.Item3, t.Value.Variance, 1e-9)),
            TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(250), seen => Show(seen));
    }

    public static async Task<long> RawRowCountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM ingest.raw_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
