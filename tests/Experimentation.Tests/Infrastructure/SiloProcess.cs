using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Experimentation.Tests.Infrastructure;

/// <summary>
/// The real silo executable (silo/Experimentation.Silo, built beside the tests) as a child process on free loopback
/// ports, so a test can kill it the way kill -9 does and start it again on the same database.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly string _postgres;
    private readonly IReadOnlyDictionary<string, string> _environment;
    // One key for the life of this object, so a restarted silo decrypts the webhook secrets the first one stored.
    private readonly string _secretKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private readonly int _siloPort = TestPorts.Free();
    private readonly int _gatewayPort = TestPorts.Free();
    private readonly Queue<string> _output = new();
    private Process? _process;

    /// <param name="environment">Extra environment variables for the process, for example
    /// <c>Experimentation__Webhooks__PollInterval</c>.</param>
    public SiloProcess(string postgres, IReadOnlyDictionary<string, string>? environment = null)
    {
        _postgres = postgres;
        _environment = environment ?? new Dictionary<string, string>();
        BaseAddress = new Uri($"http://127.0.0.1:{TestPorts.Free()}");
    }

    public Uri BaseAddress { get; }

    /// <summary>The silo-to-silo port, which with the address names the silo in the membership table.</summary>
    public int SiloPort => _siloPort;

    /// <summary>The Orleans gateway port embedded clients connect to.</summary>
    public int GatewayPort => _gatewayPort;

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string RecentOutput { get { lock (_output) return string.Join('\n', _output); } }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", [SiloDll(), "--urls", BaseAddress.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["EXPERIMENTATION_POSTGRES"] = _postgres;
        start.Environment["Experimentation__SiloPort"] = _siloPort.ToString();
        start.Environment["Experimentation__GatewayPort"] = _gatewayPort.ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["OTEL_SDK_DISABLED"] = "true";
        start.Environment["Experimentation__Secrets__Key"] = _secretKey;
        start.Environment["EXPERIMENTATION_ADMIN_KEY"] = TestKeys.Admin;
        foreach (var (name, value) in _environment) start.Environment[name] = value;
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await HealthProbe.UntilHealthyAsync("silo", BaseAddress, _process, () => RecentOutput,
            TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(100));
    }

    /// <summary>The process id, while it runs.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>Whether the process was started and has ended since (for example after being declared dead).</summary>
    public bool HasExited => _process?.HasExited ?? true;

    /// <summary>SIGSTOP: the process freezes (no heartbeats, no I/O) as a long GC pause or a stalled VM would.</summary>
    public void Pause() => Signals.Send(_process ?? throw new InvalidOperationException("Not started."), Signals.Stop);

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => Signals.Send(_process ?? throw new InvalidOperationException("Not started."), Signals.Continue);

    /// <summary>SIGTERM, the way Kubernetes and scripts/cluster.sh stop a silo; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException("Not started.");
        Signals.Send(process, Signals.Terminate);
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        var code = process.ExitCode;
        process.Dispose();
        _process = null;
        return code;
    }

    /// <summary>Forgets a process that ended by itself, so <see cref="StartAsync"/> can start a new one.</summary>
    public void Reap()
    {
        if (_process is not { HasExited: true }) throw new InvalidOperationException("The process has not exited.");
        _process.Dispose();
        _process = null;
    }

    /// <summary>SIGKILL to the process and its children: no shutdown code runs, nothing is flushed.</summary>
    public void Kill()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 50) _output.Dequeue();
        }
    }

    private static string SiloDll() => BuildOutput.Dll(Path.Combine("silo", "Experimentation.Silo"), "Experimentation.Silo.dll");

}
