using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Experimentation.Tests.Infrastructure;
using Experimentation.Tests.Ingestion;
using Experimentation.Tests.LiveAnalysis;
using Npgsql;
using Xunit.Abstractions;

namespace Experimentation.Tests.Cluster;

/// <summary>
/// Node loss under load (docs/scale.md, "Node loss"): three silo processes clustered through PostgreSQL and the separate
/// gateway process; 200k events go in over HTTP with client retries, in four segments, and partway through each one a
/// silo is lost: kill -9 of one, then of a different one after the first came back, then a SIGSTOP longer than the
/// membership timeout, then a graceful SIGTERM. Every acknowledged event counts exactly once, the always-valid
/// sequence continues, and config changes still reach the gateway after each loss.
/// </summary>
public sealed class NodeLossTests(ITestOutputHelper output)
{
    private const int Users = 40_000;
    private const int BatchSize = 1_000;
    private const int Senders = 4;
    // The auth branch's gateway reads it; sent as a bearer token on every request (harmless before auth exists).
    private const string AdminKey = "node-loss-test-admin-key-0123456789abcdef";
    private const int DeadStatus = 6; // Orleans' SiloStatus.Dead in the membership table

    [Fact]
    public async Task LosingSilosOfThreeUnderLoadCountsEveryAcknowledgedEventExactlyOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clusterId = "node-loss-" + Guid.NewGuid().ToString("N")[..8];
        var shared = new Dictionary<string, string>
        {
            ["Experimentation__ClusterId"] = clusterId,
            ["Experimentation__ServiceId"] = clusterId,
            // A lost silo is found within seconds: probes every second, dead after two missed ones.
            ["Experimentation__Membership__ProbeTimeout"] = "00:00:01",
            ["Experimentation__Membership__NumMissedProbesLimit"] = "2",
            ["Experimentation__Membership__TableRefreshTimeout"] = "00:00:01",
            ["Experimentation__Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
            ["Experimentation__Messaging__ResponseTimeout"] = "00:00:10",
        };
        var secretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var silos = Enumerable.Range(1, 3).Select(i => new SiloProcess(database.ConnectionString, new Dictionary<string, string>(shared)
        {
            ["Experimentation__Clustering"] = "postgres",
            ["Experimentation__SiloName"] = $"silo-{i}",
            ["Experimentation__Secrets__Key"] = secretKey,
        })).ToArray();
        await using var gateway = new GatewayProcess(database.ConnectionString, new Dictionary<string, string>(shared)
        {
            ["EXPERIMENTATION_ADMIN_KEY"] = AdminKey,
        });
        try
        {
            // The first silo applies the schema; the others join it.
            await silos[0].StartAsync();
            await Task.WhenAll(silos.Skip(1).Select(s => s.StartAsync()));
            await gateway.StartAsync();
            using var http = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
            string Diagnostics() => $"gateway:\n{gateway.RecentOutput}\n" + string.Join('\n', silos.Select((s, i) => $"silo-{i + 1}:\n{s.RecentOutput}"));

            var experiment = await GroundTruthScenario.SetUpAsync(http, "node-loss");
            var (events, truth) = GroundTruthScenario.Generate(experiment, Users, greenLift: 2);
            var batches = events.Chunk(BatchSize).ToArray();
            var segments = batches.Chunk((batches.Length + 3) / 4).ToArray();
            var load = new RetryingLoad(http, Diagnostics);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            void Phase(string name) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {name}: {load.Acknowledged} batches acknowledged, {load.Failures} attempts retried");
            Phase("cluster up");
            var looks = new List<(long Look, double P)>();

            // 1. kill -9 of silo-1, then restart it. 2. kill -9 of a different one, silo-2, then restart it.
            await UnderLoadAsync(load, segments[0], Synchronous(silos[0].Kill), silos[0].StartAsync);
            Phase("kill -9 of silo-1 and its restart");
            output.WriteLine(await AfterLossAsync(http, 1, experiment, looks, Diagnostics));
            await UnderLoadAsync(load, segments[1], Synchronous(silos[1].Kill), silos[1].StartAsync);
            Phase("kill -9 of silo-2 and its restart");
            output.WriteLine(await AfterLossAsync(http, 2, experiment, looks, Diagnostics));

            // 3. silo-3 frozen past the membership timeout: declared dead while paused, and its shards move, so the rest
            // of the segment is acknowledged by the survivors while it is still frozen. Resumed, it learns it is dead
            // and stops itself; whatever commit it had under way finds its shard lease taken and writes nothing.
            var paused = silos[2];
            await UnderLoadAsync(load, segments[2], async () =>
            {
                paused.Pause();
                var frozenAt = clock.Elapsed;
                await Eventually.Until("the paused silo-3 to be declared dead", () => LatestStatusAsync(database.ConnectionString, clusterId, paused.SiloPort),
                    status => status == DeadStatus, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
                output.WriteLine($"silo-3 declared dead {(clock.Elapsed - frozenAt).TotalSeconds:0.0} s after SIGSTOP");
            }, async () =>
            {
                Assert.False(paused.HasExited);
                paused.Resume();
                await Eventually.Until("the resumed silo-3 to stop itself", () => paused.HasExited, exited => exited,
                    TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
                paused.Reap();
                await paused.StartAsync();
            });
            Phase("SIGSTOP of silo-3, declared dead, resumed, stopped itself, restarted");
            output.WriteLine(await AfterLossAsync(http, 3, experiment, looks, Diagnostics));

            // 4. A graceful stop: SIGTERM, the queued shard commits finish, and the process exits cleanly.
            var exitCode = -1;
            await UnderLoadAsync(load, segments[3], async () => exitCode = await silos[0].TerminateAsync(TimeSpan.FromSeconds(60)), silos[0].StartAsync);
            Assert.Equal(0, exitCode);
            Phase("SIGTERM of silo-1 and its restart");
            output.WriteLine(await AfterLossAsync(http, 4, experiment, looks, Diagnostics));

            Assert.True(load.Failures > 0, "no request failed, so no loss happened during ingestion");
            Assert.Equal(events.Length, await GroundTruthScenario.RawRowCountAsync(database.ConnectionString));
            Assert.Equal(0, await ScalarAsync(database.ConnectionString,
                "SELECT count(*) FROM (SELECT shard, seq FROM ingest.raw_events GROUP BY shard, seq HAVING count(*) > 1) AS twice"));
            Assert.True(await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM ingest.shard_leases WHERE epoch > 1") > 0,
                "no shard moved to another activation");
            await GroundTruthScenario.AssertResultsEqualAsync(http, experiment, truth);
            Phase("results equal ground truth");
            output.WriteLine($"looks (number, always-valid p): {string.Join(", ", looks)}");

            // Invariant 9 across the losses: every look is a new one, and the always-valid p never rises.
            for (var i = 1; i < looks.Count; i++)
            {
                Assert.True(looks[i].Look > looks[i - 1].Look, $"look {looks[i].Look} after {looks[i - 1].Look}");
                Assert.True(looks[i].P <= looks[i - 1].P, $"always-valid p {looks[i].P} after {looks[i - 1].P}");
            }
        }
        finally
        {
            foreach (var silo in silos)
            {
                if (silo.ProcessId is not null && !silo.HasExited) silo.Resume();
                await silo.DisposeAsync();
            }
        }
    }

    // The loss happens once a third of the segment is acknowledged, while the senders keep going; the silo comes back
    // only after the whole segment is acknowledged, so the survivors alone took the rest.
    private static async Task UnderLoadAsync(RetryingLoad load, object[][] segment, Func<Task> lose, Func<Task> recover)
    {
        var before = load.Acknowledged;
        var sending = load.SendAsync(segment, Senders);
        await Eventually.Until("a third of the segment to be acknowledged", () => load.Acknowledged,
            acked => acked >= before + segment.Length / 3 || sending.IsCompleted, TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(20));
        Assert.False(sending.IsCompleted, "the segment was done before the loss");
        await lose();
        await sending;
        await recover();
    }

    private static Func<Task> Synchronous(Action act) => () =>
    {
        act();
        return Task.CompletedTask;
    };

    // A config change made now reaches the gateway's pushed bundle, and the next look continues the sequence. Returns
    // how long each took, for the test's output.
    private static async Task<string> AfterLossAsync(HttpClient http, int step, string experiment, List<(long, double)> looks, Func<string> diagnostics)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var version = await Eventually.Until($"the holdout change {step} to be accepted", async () =>
        {
            using var response = await http.PutAsJsonAsync("/api/config/holdout", new { percent = step / 10.0 });
            return response.StatusCode == HttpStatusCode.OK
                ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt64()
                : -1;
        }, v => v > 0, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200), _ => diagnostics());
        var accepted = clock.Elapsed;
        await Eventually.Until($"the gateway's bundle to reach version {version}", async () =>
            JsonDocument.Parse(await http.GetStringAsync("/api/config")).RootElement.GetProperty("version").GetInt64(),
            v => v >= version, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        var propagated = clock.Elapsed;

        // The last answer is kept with the processes' output for the failure message, so a wait that runs out says why.
        // Usually a look answers within 2 s of the loss; once in CI none had after 60 s (the cause was not recorded, which
        // this message now would be), so the wait allows 120 s and the test's output says how long it took.
        var last = "";
        var report = await Eventually.Until("a look after the loss", async () =>
        {
            using var response = await http.GetAsync($"/api/experiments/{experiment}/results");
            var body = await response.Content.ReadAsStringAsync();
            last = $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 2000)]}";
            return response.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(body).RootElement.Clone() : default;
        }, r => r.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(200), _ => $"{last}\n{diagnostics()}");
        looks.Add((report.GetProperty("look").GetInt64(), LiveExperiment.AlwaysValidP(LiveExperiment.Comparison(report))));
        return $"         after loss {step}: config change accepted in {accepted.TotalSeconds:0.0} s and in the gateway's bundle "
            + $"{(propagated - accepted).TotalSeconds:0.0} s later; a look answered after {(clock.Elapsed - propagated).TotalSeconds:0.0} s more";
    }

    private static async Task<int?> LatestStatusAsync(string postgres, string clusterId, int siloPort)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT status FROM orleans_membership WHERE deployment_id = @cluster AND port = @port ORDER BY generation DESC LIMIT 1", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        command.Parameters.AddWithValue("port", siloPort);
        return await command.ExecuteScalarAsync() as int?;
    }

    private static async Task<long> ScalarAsync(string postgres, string sql)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
