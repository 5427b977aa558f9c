using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Experimentation.LoadGen;

/// <summary>
/// Sustained durable ingest over HTTP with a freshness probe running beside it, the results query latency at the
/// start and at the end, and the PostgreSQL COPY ceiling for the same number of rows.
/// </summary>
public sealed class IngestLoad(LoadOptions options)
{
    private readonly HttpClient _http = Client(options);

    private static HttpClient Client(LoadOptions options)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = new Uri(options.Url),
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (options.ApiKey is { } key) http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    public async Task RunAsync()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var experiment = await CreateExperimentAsync($"load-{run}", run);
        var probe = await CreateExperimentAsync($"probe-{run}", run + "p");
        var writer = new EventWriter(experiment, options.EventsPerUser, DateTimeOffset.UtcNow.AddHours(-2));

        // A first 10k events, then the query latency at that size.
        await PostAsync(writer.Batch(0, 10_000 / 2, run));
        await PostAsync(writer.Batch(5_000, 10_000 / 2, run));
        await Task.Delay(500);
        Console.WriteLine($"results query at 10k events: {Percentiles.Describe(await QueryLatencyAsync(experiment, 300))}");

        var next = 10_000L;
        var total = options.Events;
        using var stop = new CancellationTokenSource();
        var freshness = Task.Run(() => ProbeFreshnessAsync(probe, run, stop.Token));
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var first = Interlocked.Add(ref next, options.Batch) - options.Batch;
                if (first >= total) return;
                await PostAsync(writer.Batch(first, (int)Math.Min(options.Batch, total - first), run));
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var seconds = watch.Elapsed.TotalSeconds;
        stop.Cancel();
        var fresh = await freshness;
        Console.WriteLine($"sustained durable ingest: {total - 10_000:N0} events in {seconds:F1} s = {(total - 10_000) / seconds:N0} events/s " +
                          $"(batch {options.Batch}, concurrency {options.Concurrency})");
        Console.WriteLine($"freshness under that load (202 to results): {Percentiles.Describe(fresh)}");

        var ended = Stopwatch.StartNew();
        await Task.Delay(1000);
        Console.WriteLine($"results query at {total:N0} events: {Percentiles.Describe(await QueryLatencyAsync(experiment, 300))}");
        if (options.SnapshotSeconds > 0)
        {
            // Each shard's last snapshot of the ingest is taken within a snapshot interval (10 s) of its last commit;
            // after that nothing changes, so this window sees the query alone on the same process and heap.
            var settle = TimeSpan.FromSeconds(25) - ended.Elapsed;
            if (settle > TimeSpan.Zero) await Task.Delay(settle);
            Console.WriteLine($"results query at {total:N0} events, idle, no snapshots ({options.SnapshotSeconds} s): " +
                              Percentiles.Describe(await QueryForAsync(experiment, options.SnapshotSeconds)));
            Console.WriteLine($"results query at {total:N0} events while every shard snapshots ({options.SnapshotSeconds} s): " +
                              Percentiles.Describe(await QueryWhileSnapshottingAsync(experiment, run)));
        }
        if (options.Postgres is { } postgres)
            Console.WriteLine($"PostgreSQL binary COPY ceiling, same {total - 10_000:N0} rows: {await CopyCeiling.RowsPerSecondAsync(postgres, total - 10_000):N0} rows/s");
    }

    private async Task PostAsync(byte[] body)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await _http.PostAsync("/api/events", content);
            if (response.StatusCode == HttpStatusCode.Accepted) return;
            if (attempt > 5 || (int)response.StatusCode < 500)
                throw new InvalidOperationException($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(100);
        }
    }

    private async Task<List<double>> QueryLatencyAsync(string experiment, int samples)
    {
        var ms = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await _http.GetAsync($"/api/experiments/{experiment}/results");
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            ms.Add(watch.Elapsed.TotalMilliseconds);
        }
        return ms;
    }

    // A shard snapshots only when it folded something since its last snapshot, so after the ingest a trickle of new
    // users on a third experiment (10 every 2 s, hashed over the 8 shards: a shard misses all 50 of a 10 s interval
    // with probability (7/8)^50 = 0.1%) makes every shard rewrite its snapshot every SnapshotInterval, while the
    // queried experiment's data, and so its look, stays the same.
    private async Task<List<double>> QueryWhileSnapshottingAsync(string experiment, string run)
    {
        var trickle = await CreateExperimentAsync($"trickle-{run}", run + "t");
        using var stop = new CancellationTokenSource();
        var feeding = Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var batch = Enumerable.Range(0, 10).Select(i => new
                {
                    eventId = Guid.CreateVersion7(), type = "exposure", userId = $"trickle-{run}-{n}-{i}",
                    timestamp = DateTimeOffset.UtcNow, experiment = trickle, variant = i % 2 == 0 ? "control" : "green",
                }).ToArray();
                await PostAsync(JsonSerializer.SerializeToUtf8Bytes(batch));
                await Task.Delay(2000, CancellationToken.None);
            }
        });
        var ms = await QueryForAsync(experiment, options.SnapshotSeconds);
        stop.Cancel();
        await feeding;
        return ms;
    }

    private async Task<List<double>> QueryForAsync(string experiment, int seconds)
    {
        var ms = new List<double>();
        var window = Stopwatch.StartNew();
        while (window.Elapsed.TotalSeconds < seconds) ms.AddRange(await QueryLatencyAsync(experiment, 50));
        return ms;
    }

    // One new exposed user at a time on a separate experiment: the clock starts when the 202 arrives and stops when
    // the results count that user.
    private async Task<List<double>> ProbeFreshnessAsync(string probe, string run, CancellationToken stop)
    {
        var ms = new List<double>();
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new[]
            {
                new { eventId = Guid.NewGuid(), type = "exposure", userId = $"probe-{run}-{n}", timestamp = DateTimeOffset.UtcNow, experiment = probe, variant = "green" },
            });
            await PostAsync(body);
            var watch = Stopwatch.StartNew();
            while (await ExposedAsync(probe) < n) await Task.Delay(1);
            ms.Add(watch.Elapsed.TotalMilliseconds);
            await Task.Delay(50, CancellationToken.None);
        }
        return ms;
    }

    // The report's units per arm (analysis.arms[].units, docs/live-analysis.md): every exposed user is a unit, and each
    // metric's n equals them, so the look that counts the probe's user also carries it into the fixed-horizon numbers.
    private async Task<long> ExposedAsync(string experiment)
    {
        using var results = JsonDocument.Parse(await _http.GetStringAsync($"/api/experiments/{experiment}/results"));
        return results.RootElement.GetProperty("analysis").GetProperty("arms").EnumerateArray().Sum(a => a.GetProperty("units").GetInt64());
    }

    private async Task<string> CreateExperimentAsync(string key, string suffix)
    {
        var revenue = $"revenue-{suffix}";
        var converted = $"converted-{suffix}";
        (await _http.PostAsJsonAsync("/api/metrics", new { key = revenue, name = "Revenue", type = "mean", eventType = "purchase", aggregation = "sum" })).EnsureSuccessStatusCode();
        (await _http.PostAsJsonAsync("/api/metrics", new { key = converted, name = "Purchased", type = "conversion", eventType = "purchase", aggregation = "count" })).EnsureSuccessStatusCode();
        var experiment = new
        {
            key, name = "Load", hypothesis = "Load", type = "ab", ownerTeam = "bench", mde = 0.02,
            variants = new object[] { new { key = "control", weight = 1, control = true }, new { key = "green", weight = 1 } },
            metrics = new[] { new { metricKey = revenue, role = "primary", direction = "higher_better" }, new { metricKey = converted, role = "primary", direction = "higher_better" } },
        };
        using var created = await _http.PostAsJsonAsync("/api/experiments", experiment);
        if (!created.IsSuccessStatusCode) throw new InvalidOperationException(await created.Content.ReadAsStringAsync());
        (await _http.PostAsync($"/api/experiments/{key}/start", null)).EnsureSuccessStatusCode();
        return key;
    }
}
