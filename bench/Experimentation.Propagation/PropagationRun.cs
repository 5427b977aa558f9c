using System.Diagnostics;
using System.Globalization;
using System.Text;
using Experimentation.Assignment;
using Experimentation.Client;

namespace Experimentation.Propagation;

/// <summary>
/// The benchmark: an SSE subscriber (the C# client), then lifecycle commands over HTTP, each timed from its HTTP
/// response until the subscriber holds a bundle that shows the change.
/// </summary>
/// <remarks>
/// The changes are: start each of a few new experiments, then traffic ramps spread over them, each to a percent
/// that experiment did not have just before, so every command produces a bundle that no earlier one could match.
/// The experiments are concluded afterwards, so a run leaves nothing running behind it.
/// </remarks>
internal static class PropagationRun
{
    public static async Task<int> ExecuteAsync(PropagationSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var arrivals = new SnapshotArrivals();
        // The key as the load generator finds it: EXPERIMENTATION_API_KEY, else the admin key file scripts/run.sh writes.
        var apiKey = Environment.GetEnvironmentVariable("EXPERIMENTATION_API_KEY")
            ?? (File.Exists(Path.Combine(".local", "admin.key")) ? File.ReadAllText(Path.Combine(".local", "admin.key")).Trim() : null);
        var options = new ExperimentationClientOptions { ServerUrl = settings.Url, InitialLoadTimeout = TimeSpan.FromSeconds(10), ApiKey = apiKey };
        await using var client = ExperimentationClient.ForServer(options);
        client.Config.Updated += arrivals.Record;
        await client.StartAsync(cancellationToken);
        if (!client.Config.Loaded.IsCompleted)
        {
            output.WriteLine($"No config from {settings.Url} within 10 s: is the platform running (scripts/run.sh)?");
            return 1;
        }

        using var http = new HttpClient { BaseAddress = settings.Url, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null) http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        string run = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Random.Shared.Next(1000, 9999);
        var keys = Enumerable.Range(0, settings.Experiments).Select(i => $"propagation-{run}-{i}").ToArray();
        foreach (var key in keys)
            await SendAsync(http, $"/api/experiments", CreateBody(key), cancellationToken);

        var latencies = new List<double>();
        int missed = 0, overtook = 0;
        try
        {
            foreach (var (path, body, shows) in Changes(keys, settings.Changes))
            {
                int from = arrivals.Count;
                await SendAsync(http, path, body, cancellationToken);
                long responded = Stopwatch.GetTimestamp();
                long? seen = await arrivals.WaitForAsync(from, shows, PropagationSettings.MaxWait, cancellationToken);
                if (seen is null)
                    missed++;
                else
                {
                    // The push can overtake the command's own response; that counts as no delay at all.
                    double ms = Stopwatch.GetElapsedTime(responded, seen.Value).TotalMilliseconds;
                    overtook += ms <= 0 ? 1 : 0;
                    latencies.Add(Math.Max(0, ms));
                }
            }
        }
        finally
        {
            foreach (var key in keys)
                await http.PostAsync($"/api/experiments/{key}/conclude", Json("""{"decision":"inconclusive"}"""), CancellationToken.None);
        }

        return Report(output, settings, new LatencySummary(latencies), missed, overtook);
    }

    private static IEnumerable<(string Path, string? Body, Func<ConfigBundle, bool> Shows)> Changes(string[] keys, int count)
    {
        foreach (var key in keys)
            yield return ($"/api/experiments/{key}/start", null, b => Find(b, key) is { IsRunning: true });
        for (int i = 0; i < count - keys.Length; i++)
        {
            string key = keys[i % keys.Length];
            // 2..99 %, never the percent this experiment had just before (it starts at 1 %).
            int percent = 2 + i / keys.Length % 98;
            yield return ($"/api/experiments/{key}/traffic", $$"""{"percent":{{percent}}}""",
                b => Find(b, key) is { } e && e.TrafficBasisPoints == percent * 100);
        }
    }

    private static int Report(TextWriter output, PropagationSettings settings, LatencySummary summary, int missed, int overtook)
    {
        static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
        int starts = settings.Experiments;
        output.WriteLine($"Config propagation against {settings.Url}: {settings.Changes} lifecycle changes ({starts} starts, {settings.Changes - starts} traffic ramps)");
        output.WriteLine($"seen by the SSE subscriber: {summary.Count} of {settings.Changes}; missed (> {PropagationSettings.MaxWait.TotalSeconds:0} s): {missed}; pushed before the command's response (counted as 0 ms): {overtook}");
        output.WriteLine($"p50 {Ms(summary.Percentile(0.50))}  p90 {Ms(summary.Percentile(0.90))}  p99 {Ms(summary.Percentile(0.99))}  max {Ms(summary.Max)}  mean {Ms(summary.Mean)}");
        bool met = missed == 0 && summary.Percentile(0.99) <= 1000;
        output.WriteLine($"target p99 <= 1000 ms: {(met ? "met" : "NOT met")}");
        return met ? 0 : 1;
    }

    private static async Task SendAsync(HttpClient http, string path, string? body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(path, body is null ? null : Json(body), cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        await response.Content.LoadIntoBufferAsync(cancellationToken);
    }

    private static ExperimentConfig? Find(ConfigBundle bundle, string key) => bundle.Experiments.FirstOrDefault(e => e.Key == key);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string CreateBody(string key) => $$"""
        {
          "key": "{{key}}",
          "name": "Propagation benchmark",
          "hypothesis": "Config changes reach subscribers within a second.",
          "type": "ab",
          "ownerTeam": "platform",
          "variants": [
            { "key": "control", "weight": 1, "config": { "color": "blue" }, "control": true },
            { "key": "green", "weight": 1, "config": { "color": "green" } }
          ],
          "trafficPercent": 1,
          "mde": 0.02
        }
        """;
}
