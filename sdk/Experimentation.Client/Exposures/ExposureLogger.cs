using System.Threading.Channels;
using Experimentation.Assignment;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Experimentation.Client.Exposures;

/// <summary>
/// Logs exposures once per (experiment, user) in the process and delivers them in batches to an
/// <see cref="IExposureSink"/>: a batch leaves when it reaches <see cref="ExposureOptions.BatchSize"/> or
/// <see cref="ExposureOptions.FlushInterval"/> after its first exposure, whichever comes first.
/// </summary>
/// <remarks>
/// <see cref="Log"/> runs on the caller's path, so it never blocks and never throws: a duplicate costs one set lookup
/// under a lock and allocates nothing; a full queue drops the exposure and counts it. One background loop does all
/// the sending, so a slow sink slows nobody but itself.
/// </remarks>
public sealed class ExposureLogger : IAsyncDisposable
{
    private readonly IExposureSink _sink;
    private readonly ExposureOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ExposureDeduplicator _dedupe;
    private readonly Channel<ExposureEvent> _queue;
    private readonly CancellationTokenSource _abandon = new();
    private readonly Task _sender;
    private int _disposed;
    private long _logged, _duplicates, _dropped, _sent, _failed;

    public ExposureLogger(IExposureSink sink, ExposureOptions? options = null, TimeProvider? time = null, ILogger<ExposureLogger>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _sink = sink;
        _options = options ?? new ExposureOptions();
        if (_options.Validate().FirstOrDefault() is { } problem)
            throw new ArgumentException(problem, nameof(options));
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<ExposureLogger>.Instance;
        _dedupe = new ExposureDeduplicator(_options.DedupeCapacity);
        _queue = Channel.CreateBounded<ExposureEvent>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite this means "refuse", which the caller counts
        });
        _sender = Task.Run(SendLoopAsync);
    }

    /// <summary>Counters since start: logged (new pairs queued), duplicates skipped, dropped (queue full or closed), sent and failed.</summary>
    public ExposureStatistics Statistics => new(
        Interlocked.Read(ref _logged), Interlocked.Read(ref _duplicates), Interlocked.Read(ref _dropped),
        Interlocked.Read(ref _sent), Interlocked.Read(ref _failed));

    /// <summary>
    /// Logs that <paramref name="userId"/> saw the variant in <paramref name="assignment"/>. True when it was queued;
    /// false for a default result (nothing was shown), a pair already logged, or a full queue. Never throws.
    /// </summary>
    public bool Log(in AssignmentResult assignment, string userId)
    {
        string experiment, variant;
        if (assignment.Reason == AssignmentReason.GlobalHoldout)
            (experiment, variant) = (GlobalHoldout.ExperimentKey, GlobalHoldout.HoldoutVariant);
        else if (!assignment.IsAssigned || assignment.ExperimentKey is not { } key || assignment.VariantKey is not { } assigned)
            return false;
        else
            (experiment, variant) = (key, assigned);
        if (!_dedupe.TryAdd(experiment, userId))
        {
            Interlocked.Increment(ref _duplicates);
            return false;
        }
        var now = _time.GetUtcNow();
        var exposure = new ExposureEvent(Guid.CreateVersion7(now), userId, now, experiment, variant);
        if (_queue.Writer.TryWrite(exposure))
        {
            Interlocked.Increment(ref _logged);
            return true;
        }
        // Forget the pair, so the next assignment of this user tries again once the queue has room.
        _dedupe.Remove(experiment, userId);
        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>
    /// Stops accepting exposures and delivers what is queued, waiting at most <see cref="ExposureOptions.ShutdownTimeout"/>.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        _queue.Writer.TryComplete();
        if (await Task.WhenAny(_sender, Task.Delay(_options.ShutdownTimeout, _time)).ConfigureAwait(false) != _sender)
        {
            _logger.LogWarning("Exposure delivery did not finish within {Timeout}; the rest is abandoned.", _options.ShutdownTimeout);
            await _abandon.CancelAsync().ConfigureAwait(false);
        }
        await _sender.ConfigureAwait(false);
        _abandon.Dispose();
    }

    private async Task SendLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<ExposureEvent>(_options.BatchSize);
        try
        {
            while (await reader.WaitToReadAsync(_abandon.Token).ConfigureAwait(false))
            {
                await FillAsync(reader, batch).ConfigureAwait(false);
                await DeliverAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            // Shutdown ran out of time; what is still queued is lost, as DisposeAsync has logged.
        }
    }

    // Takes what is queued at once, then waits for more until the batch is full or the interval since its first
    // exposure has passed; a closed queue sends what it has.
    private async Task FillAsync(ChannelReader<ExposureEvent> reader, List<ExposureEvent> batch)
    {
        long started = _time.GetTimestamp();
        while (batch.Count < _options.BatchSize)
        {
            if (reader.TryRead(out var exposure))
            {
                batch.Add(exposure);
                continue;
            }
            var left = _options.FlushInterval - _time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
                return;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(_abandon.Token);
            wait.CancelAfter(left);
            try
            {
                if (!await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                    return;
            }
            catch (OperationCanceledException) when (!_abandon.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task DeliverAsync(List<ExposureEvent> batch)
    {
        if (batch.Count == 0)
            return;
        try
        {
            await _sink.SendAsync(batch.ToArray(), _abandon.Token).ConfigureAwait(false);
            Interlocked.Add(ref _sent, batch.Count);
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            Interlocked.Add(ref _failed, batch.Count);
            foreach (var exposure in batch)
                _dedupe.Remove(exposure.Experiment, exposure.UserId);
            _logger.LogError(e, "Gave up on {Count} exposures; their users will be logged again at their next assignment.", batch.Count);
        }
    }
}
