using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;

namespace Experimentation.Tests.Cluster;

/// <summary>
/// Producers as the platform expects them: each batch is posted again, unchanged, until it is acknowledged (202). A 5xx
/// or a dropped connection is retried; any 4xx fails the test.
/// </summary>
public sealed class RetryingLoad(HttpClient http, Func<string> diagnostics)
{
    private int _acknowledged;
    private int _failures;

    /// <summary>Batches acknowledged so far.</summary>
    public int Acknowledged => Volatile.Read(ref _acknowledged);

    /// <summary>Attempts that were not acknowledged and were retried.</summary>
    public int Failures => Volatile.Read(ref _failures);

    public Task SendAsync(IEnumerable<object[]> batches, int senders)
    {
        var queue = new ConcurrentQueue<object[]>(batches);
        return Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var batch))
            {
                await Eventually.Until("a batch to be acknowledged", async () =>
                {
                    try
                    {
                        using var response = await http.PostAsJsonAsync("/api/events", batch);
                        if (response.StatusCode == HttpStatusCode.Accepted) return "accepted";
                        Assert.True((int)response.StatusCode >= 500, await response.Content.ReadAsStringAsync());
                        Interlocked.Increment(ref _failures);
                        return $"HTTP {(int)response.StatusCode}";
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        Interlocked.Increment(ref _failures);
                        return ex.Message;
                    }
                }, answer => answer == "accepted", TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(200),
                    answer => $"{answer}; output:\n{diagnostics()}");
                Interlocked.Increment(ref _acknowledged);
            }
        })));
    }
}
