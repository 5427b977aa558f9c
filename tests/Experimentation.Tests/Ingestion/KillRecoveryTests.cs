using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Experimentation.Tests.Infrastructure;

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
        var experiment = await GroundTruthScenario.SetUpAsync(http);
        var (events, truth) = GroundTruthScenario.Generate(experiment, Users);
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
        Assert.Equal(events.Length, await GroundTruthScenario.RawRowCountAsync(database.ConnectionString));
        await GroundTruthScenario.AssertResultsEqualAsync(http, experiment, truth);

        silo.Kill();
        await silo.StartAsync();
        await GroundTruthScenario.AssertResultsEqualAsync(http, experiment, truth);
    }
}
