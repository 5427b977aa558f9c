using System.Diagnostics;
using System.Net;
using Experimentation.Tests.Infrastructure;
using Npgsql;

namespace Experimentation.Tests.Cluster;

/// <summary>
/// scripts/cluster.sh as README documents it: N silos with their own ports, names and logs, and the gateway; stop
/// ends them all. Run on the built binaries (EXPERIMENTATION_CLUSTER_NO_BUILD) and on ports of its own.
/// </summary>
public sealed class ClusterScriptTests
{
    private const int SiloPortBase = 11200, GatewayPortBase = 30200, HttpPortBase = 18080;
    private const string GatewayUrl = "http://127.0.0.1:18099";

    [Fact]
    public async Task StartRunsNNamedSilosAndTheGatewayAndStopEndsThem()
    {
        await using var database = await TestDatabase.CreateAsync();
        var folder = Directory.CreateTempSubdirectory("cluster-sh-").FullName;
        try
        {
            var (started, startOutput) = await RunAsync(database.ConnectionString, folder, "start", "2");
            Assert.True(started == 0, startOutput);

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{GatewayUrl}/health")).StatusCode);
            foreach (var i in new[] { 1, 2 })
            {
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{HttpPortBase + i}/alive")).StatusCode);
                Assert.True(File.Exists(Path.Combine(folder, $"silo-{i}.log")));
            }
            Assert.True(File.Exists(Path.Combine(folder, "gateway.log")));
            Assert.Equal([("silo-1", SiloPortBase + 1, GatewayPortBase + 1), ("silo-2", SiloPortBase + 2, GatewayPortBase + 2)],
                await ActiveSilosAsync(database.ConnectionString));

            var (stopped, stopOutput) = await RunAsync(database.ConnectionString, folder, "stop");
            Assert.True(stopped == 0, stopOutput);
            Assert.Empty(Directory.GetFiles(folder, "*.pid"));
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync($"{GatewayUrl}/alive"));
        }
        finally
        {
            await RunAsync(database.ConnectionString, folder, "stop");
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string postgres, string folder, params string[] args)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(BuildOutput.Root, "scripts", "cluster.sh"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["EXPERIMENTATION_POSTGRES"] = postgres;
        start.Environment["EXPERIMENTATION_CLUSTER_DIR"] = folder;
        start.Environment["EXPERIMENTATION_CLUSTER_NO_BUILD"] = "1";
        start.Environment["EXPERIMENTATION_CLUSTER_SILO_PORT"] = SiloPortBase.ToString();
        start.Environment["EXPERIMENTATION_CLUSTER_GATEWAY_PORT"] = GatewayPortBase.ToString();
        start.Environment["EXPERIMENTATION_CLUSTER_HTTP_PORT"] = HttpPortBase.ToString();
        start.Environment["EXPERIMENTATION_URLS"] = GatewayUrl;
        start.Environment["EXPERIMENTATION_ADMIN_KEY"] = TestKeys.Admin;
        start.Environment["Experimentation__Secrets__KeyFile"] = Path.Combine(folder, "secrets.key");
        start.Environment["OTEL_SDK_DISABLED"] = "true";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await output + await error);
    }

    private static async Task<(string Name, int Port, int ProxyPort)[]> ActiveSilosAsync(string postgres)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT silo_name, port, proxy_port FROM orleans_membership WHERE deployment_id = 'experimentation' AND status = 3 ORDER BY silo_name", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var silos = new List<(string, int, int)>();
        while (await reader.ReadAsync()) silos.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
        return silos.ToArray();
    }
}
