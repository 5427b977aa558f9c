using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Experimentation.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server of one test's own (initdb in a temporary folder, a free loopback port), for tests that stop and
/// start the server itself: the shared test server cannot be stopped under the tests running beside them.
/// </summary>
/// <remarks>
/// Uses Debian's server binaries, as scripts/postgres.sh does, and password (scram-sha-256) authentication. As root the
/// server runs as the postgres user, since PostgreSQL refuses to run as root.
/// </remarks>
public sealed class PrivateCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private readonly int _port;

    private PrivateCluster(string bin, string root, int port, string password)
    {
        _bin = bin;
        _root = root;
        _port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = "postgres", Password = password, Database = "experimentation",
        }.ConnectionString;
    }

    /// <summary>The connection string of the cluster's <c>experimentation</c> database.</summary>
    public string ConnectionString { get; }

    private string Data => Path.Combine(_root, "data");

    public static async Task<PrivateCluster> CreateAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            ?? throw new InvalidOperationException("No PostgreSQL server binaries under /usr/lib/postgresql: run scripts/postgres.sh start --test once.");
        var root = Directory.CreateTempSubdirectory("exp-pg-").FullName;
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var cluster = new PrivateCluster(bin, root, TestPorts.Free(), password);
        var passwordFile = Path.Combine(root, "password");
        await File.WriteAllTextAsync(passwordFile, password);
        if (Environment.UserName == "root") await Run("chown", "-R", "postgres", root);
        await cluster.AsServer("initdb", "-D", cluster.Data, "-U", "postgres", "--auth=scram-sha-256", $"--pwfile={passwordFile}",
            "--encoding=UTF8", "--locale=C.UTF-8");
        await cluster.StartAsync();
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE experimentation", connection);
            await create.ExecuteNonQueryAsync();
        }
        return cluster;
    }

    /// <summary><c>pg_ctl start</c>, returning once the server accepts connections.</summary>
    public Task StartAsync() => AsServer("pg_ctl", "start", "-w", "-t", "60", "-D", Data, "-l", Path.Combine(_root, "server.log"),
        "-o", $"-p {_port} -c listen_addresses=127.0.0.1 -k {_root} -c fsync=off");

    /// <summary><c>pg_ctl stop -m fast</c>: the server ends every session and exits, as a restart for maintenance does.</summary>
    public Task StopAsync() => AsServer("pg_ctl", "stop", "-w", "-m", "fast", "-D", Data);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsServer("pg_ctl", "stop", "-w", "-m", "immediate", "-D", Data);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Directory.Delete(_root, recursive: true);
    }

    private Task AsServer(string tool, params string[] args)
    {
        var path = Path.Combine(_bin, tool);
        return Environment.UserName == "root" ? Run("runuser", ["-u", "postgres", "--", path, .. args]) : Run(path, args);
    }

    private static async Task Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await errors}{await output}");
    }

}
