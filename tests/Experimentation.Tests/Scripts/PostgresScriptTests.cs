using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Experimentation.Tests.Infrastructure;
using Npgsql;

namespace Experimentation.Tests.Scripts;

/// <summary>
/// scripts/postgres.sh provisions a cluster that asks every connection for a password (scram-sha-256), keeps the
/// password in .local/ with mode 0600, prints it only in the connection string on stdout, and migrates a cluster
/// made with trust authentication before passwords. Each test runs a copy of the script in a checkout of its own.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PostgresScriptTests : IAsyncLifetime
{
    private readonly string _checkout = Directory.CreateTempSubdirectory("exp-script-").FullName;
    private readonly int _port = TestPorts.Free();

    private string PasswordFile => Path.Combine(_checkout, ".local", "postgres", "run.password");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_checkout, "scripts"));
        File.Copy(Path.Combine(Repository.Root, "scripts", "postgres.sh"), Path.Combine(_checkout, "scripts", "postgres.sh"));
        // The server's user (postgres, when the tests run as root) must reach the cluster's folder in the checkout.
        File.SetUnixFileMode(_checkout, (UnixFileMode)0b111_101_101);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Script("stop");
        Directory.Delete(_checkout, recursive: true);
    }

    [Fact]
    public async Task AFreshClusterAsksForThePasswordThatOnlyTheConnectionStringShows()
    {
        var (url, log) = await Script("start");

        var password = await File.ReadAllTextAsync(PasswordFile);
        Assert.Equal(64, password.Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PasswordFile));
        Assert.Equal(password, new NpgsqlConnectionStringBuilder(url).Password);
        Assert.DoesNotContain(password, log);
        await AssertPasswordRequiredAsync(url);
        // A second start is the same cluster with the same password.
        Assert.Equal(url, (await Script("start")).Stdout);
        Assert.Equal(url, (await Script("url")).Stdout);
    }

    [Fact]
    public async Task AClusterMadeWithTrustGetsAPasswordAndLosesTrustOnItsNextStart()
    {
        await MakeTrustClusterAsync();

        var (url, log) = await Script("start");

        Assert.Contains("turning trust authentication off", log);
        var password = await File.ReadAllTextAsync(PasswordFile);
        Assert.DoesNotContain(password, log);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PasswordFile));
        await AssertPasswordRequiredAsync(url);
        var hba = await File.ReadAllLinesAsync(Path.Combine(_checkout, ".local", "postgres", "run", "data", "pg_hba.conf"));
        Assert.DoesNotContain(hba, line => !line.TrimStart().StartsWith('#') && line.Contains("trust", StringComparison.Ordinal));
        // The data made before the migration is still there.
        await using var connection = new NpgsqlConnection(url);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT note FROM before_passwords", connection);
        Assert.Equal("kept", await read.ExecuteScalarAsync());
    }

    private static async Task AssertPasswordRequiredAsync(string url)
    {
        await using (var good = new NpgsqlConnection(url))
        {
            await good.OpenAsync();
            await using var ping = new NpgsqlCommand("SELECT 1", good);
            Assert.Equal(1, await ping.ExecuteScalarAsync());
        }
        foreach (var password in new string?[] { null, "wrong" })
        {
            var without = new NpgsqlConnectionStringBuilder(url) { Password = password, Pooling = false }.ConnectionString;
            await using var refused = new NpgsqlConnection(without);
            var error = await Assert.ThrowsAnyAsync<Exception>(() => refused.OpenAsync());
            Assert.True(error is NpgsqlException, error.ToString());
        }
    }

    // What scripts/postgres.sh did before passwords: initdb --auth=trust, a started server and the database.
    private async Task MakeTrustClusterAsync()
    {
        var data = Path.Combine(_checkout, ".local", "postgres", "run", "data");
        Directory.CreateDirectory(Path.GetDirectoryName(data)!);
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Order(StringComparer.Ordinal).Last();
        var root = Environment.UserName == "root";
        if (root) await Run("chown", ["-R", "postgres", Path.Combine(_checkout, ".local")]);
        Task AsServer(string tool, params string[] args) =>
            root ? Run("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. args]) : Run(Path.Combine(bin, tool), args);
        await AsServer("initdb", "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8");
        await AsServer("pg_ctl", "start", "-w", "-D", data, "-l", Path.Combine(data, "..", "server.log"),
            "-o", $"-p {_port} -c listen_addresses=127.0.0.1 -k /tmp");
        var trusted = $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres;Pooling=false";
        await using (var connection = new NpgsqlConnection(trusted))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE experimentation", connection);
            await create.ExecuteNonQueryAsync();
        }
        await using (var connection = new NpgsqlConnection(trusted.Replace("Database=postgres", "Database=experimentation")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE before_passwords (note text); INSERT INTO before_passwords VALUES ('kept')", connection);
            await create.ExecuteNonQueryAsync();
        }
        await AsServer("pg_ctl", "stop", "-w", "-D", data);
    }

    private async Task<(string Stdout, string Stderr)> Script(string command)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(_checkout, "scripts", "postgres.sh"), command])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["EXPERIMENTATION_PG_PORT"] = _port.ToString();
        start.Environment.Remove("EXPERIMENTATION_POSTGRES");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"postgres.sh {command} exited with {process.ExitCode}: {await stderr}");
        return ((await stdout).Trim(), await stderr);
    }

    private static async Task Run(string file, string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {await errors}");
    }

}
