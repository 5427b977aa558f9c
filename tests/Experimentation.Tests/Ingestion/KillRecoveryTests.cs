using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Experimentation.Tests.Infrastructure;
using Npgsql;

namespace Experimentation.Tests.Ingestion;

/// <summary>
/// Acknowledged means durable, and retries never double count: the real silo process is killed (SIGKILL) twice while
/// a client ingests 200k events with retries, and once more at the end; the results equal ground truth exactly.
/// </summary>
public sealed class KillRecoveryTests
{
    private const int Users = 40_000;
    private const int BatchSize = 1_000;

    [Fact]
    public async Task KillingTheSiloWhileIngesting200kEventsLosesAndDuplicatesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = new SiloProcess(database.ConnectionString);
        await silo.StartAsync();
        using var http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }.Authorize();
        var experiment = await SetUpAsync(http);
        var (events, truth) = Generate(experiment);
        var batches = events.Chunk(BatchSize).ToArray();

        var queue = new ConcurrentQueue<object[]>(batches);
        var acked = 0;
        var failures = 0;
        var restarting = new SemaphoreSlim(1, 1);
        async Task Send()
        {
            while (queue.TryDequeue(out var batch))
            {
                // Retry the same batch until it is acknowledged, exactly as a producer would.
                await Eventually.Until("a batch to be acknowledged", async () =>
                {
                    try
                    {
                        using var response = await http.PostAsJsonAsync("/api/events", batch);
                        if (response.StatusCode == HttpStatusCode.Accepted) return "accepted";
                        Assert.True((int)response.StatusCode >= 500, await response.Content.ReadAsStringAsync());
                        Interlocked.Increment(ref failures);
                        return $"HTTP {(int)response.StatusCode}";
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        Interlocked.Increment(ref failures); // the silo is down
                        return ex.Message;
                    }
                }, answer => answer == "accepted", TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(200),
                    answer => $"{answer}; the silo's output:\n{silo.RecentOutput}");
                var done = Interlocked.Increment(ref acked);
                if (done is 60 or 140)
                {
                    await restarting.WaitAsync();
                    try
                    {
                        silo.Kill();
                        await silo.StartAsync();
                    }
                    finally
                    {
                        restarting.Release();
                    }
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(Send)));

        Assert.True(failures > 0, "no request failed, so the kills happened outside any ingestion");
        Assert.Equal(events.Length, await RawRowCountAsync(database.ConnectionString));
        await AssertResultsEqualAsync(http, experiment, truth);

        silo.Kill();
        await silo.StartAsync();
        await AssertResultsEqualAsync(http, experiment, truth);
    }

    private static async Task<string> SetUpAsync(HttpClient http)
    {
        var experiment = Samples.Key("kill");
        var revenue = Samples.Key("kill-rev");
        var converted = Samples.Key("kill-conv");
        (await http.PostAsJsonAsync("/api/metrics", new { key = revenue, name = "Revenue", type = "mean", eventType = "purchase", aggregation = "sum" })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/api/metrics", new { key = converted, name = "Purchased", type = "conversion", eventType = "purchase", aggregation = "count" })).EnsureSuccessStatusCode();
        var body = JsonSerializer.Deserialize<Dictionary<string, object>>(Samples.AbJson(experiment))!;
        body["metrics"] = new[] { new { metricKey = revenue, role = "primary", direction = "higher_better" }, new { metricKey = converted, role = "primary", direction = "higher_better" } };
        (await http.PostAsJsonAsync("/api/experiments", body)).EnsureSuccessStatusCode();
        (await http.PostAsync($"/api/experiments/{experiment}/start", null)).EnsureSuccessStatusCode();
        return experiment;
    }

    /// <summary>Per user: one exposure, three purchases after it and one before it (which must not count).</summary>
    private static (object[] Events, Dictionary<string, (long N, double Sum, double SumSquares, long Conversions)> Truth) Generate(string experiment)
    {
        var random = new Random(20240611);
        var start = DateTimeOffset.UtcNow.AddHours(-3);
        var events = new List<object>(Users * 5);
        var truth = new Dictionary<string, (long N, double Sum, double SumSquares, long Conversions)> { ["control"] = default, ["green"] = default };
        for (var u = 0; u < Users; u++)
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
                var value = random.Next(1, 50);
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
    private static async Task AssertResultsEqualAsync(HttpClient http, string experiment,
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

    private static async Task<long> RawRowCountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM ingest.raw_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
