using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;

namespace Experimentation.Dashboard.Components.Shared;

/// <summary>
/// A page that follows live results: once started, it reads the grains every <see cref="PollInterval"/> through
/// <see cref="Refresh"/> and re-renders only when that reports a change. Polling only reads: it never takes a look, so
/// an experiment's look schedule stays its own.
/// </summary>
public abstract class LivePage : ComponentBase, IAsyncDisposable
{
    /// <summary>How often the page reads the grains: a new look or state shows within this.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop = new();
    private Task? _polling;

    [Inject] private ILoggerFactory Loggers { get; set; } = default!;

    /// <summary>True while the last read failed; the page says so and the next tick retries.</summary>
    protected bool Stale { get; private set; }

    /// <summary>What the page follows, for the log line of a failed read.</summary>
    protected abstract string Subject { get; }

    /// <summary>Reads what may have changed; true when the page must re-render.</summary>
    protected abstract Task<bool> Refresh();

    /// <summary>Starts the polling loop; call once the first state is loaded (a second call does nothing).</summary>
    protected void StartPolling() => _polling ??= Poll(_stop.Token);

    private async Task Poll(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
                await InvokeAsync(async () =>
                {
                    try
                    {
                        var changed = await Refresh();
                        changed |= Stale;
                        Stale = false;
                        if (changed) StateHasChanged();
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // A failed read (a silo restarting, the database away) must not end live updates: say so, retry next tick.
                        Loggers.CreateLogger(GetType()).LogWarning(ex, "Live update of {Subject} failed; retrying", Subject);
                        Stale = true;
                        StateHasChanged();
                    }
                });
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The viewer left the page.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_polling is not null) await _polling;
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
