using System.Diagnostics;

namespace Experimentation.Tests.Infrastructure;

/// <summary>
/// The separate gateway host (api-gateway/Experimentation.Gateway.Host) as a child process: an Orleans client that
/// finds the silos through the membership table in PostgreSQL, and serves the HTTP API on a loopback port.
/// </summary>
public sealed class GatewayProcess(string postgres, IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    private readonly Queue<string> _output = new();
    private Process? _process;

    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{TestPorts.Free()}");

    public string RecentOutput { get { lock (_output) return string.Join('\n', _output); } }

    public async Task StartAsync()
    {
        var dll = BuildOutput.Dll(Path.Combine("api-gateway", "Experimentation.Gateway.Host"), "Experimentation.Gateway.Host.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", BaseAddress.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["EXPERIMENTATION_POSTGRES"] = postgres;
        start.Environment["Experimentation__Clustering"] = "postgres";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["OTEL_SDK_DISABLED"] = "true";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await HealthProbe.UntilHealthyAsync("gateway", BaseAddress, _process, () => RecentOutput,
            TimeSpan.FromSeconds(6), TimeSpan.FromMilliseconds(200));
    }

    public ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            _process.Dispose();
            _process = null;
        }
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
}
