using Experimentation.Assignment;
using Experimentation.Client.Config;
using Experimentation.Client.Exposures;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Experimentation.Client;

/// <summary>
/// What a service uses to assign users: a local, allocation-free evaluation over a cached config snapshot that a
/// feed keeps current (SSE with polling over HTTP, or an Orleans observer when embedded), plus exposure logging.
/// </summary>
/// <remarks>
/// The assignment methods never throw and never wait: before the first bundle, for an unknown key, or for an empty
/// or oversized user id they return a default <see cref="AssignmentResult"/> whose <see cref="AssignmentReason"/>
/// says why, and the caller shows its default experience. Create one per process and share it (docs/client.md).
/// </remarks>
public sealed class ExperimentationClient : IAsyncDisposable
{
    private readonly IConfigFeed _feed;
    private readonly ExperimentationClientOptions _options;
    private readonly ExposureLogger? _exposures;
    private readonly bool _logOnAssign;
    private readonly IDisposable? _owned;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lifecycle = new();
    private Task? _feedTask;
    private bool _stopped;

    /// <param name="feed">Where bundles come from.</param>
    /// <param name="exposureSink">Where exposures go; null disables exposure logging (<see cref="LogExposure"/> returns false).</param>
    public ExperimentationClient(IConfigFeed feed, IExposureSink? exposureSink, ExperimentationClientOptions? options = null,
        ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
        : this(feed, exposureSink, options ?? new ExperimentationClientOptions(), loggerFactory, timeProvider, owned: null)
    {
    }

    private ExperimentationClient(IConfigFeed feed, IExposureSink? exposureSink, ExperimentationClientOptions options,
        ILoggerFactory? loggerFactory, TimeProvider? timeProvider, IDisposable? owned)
    {
        ArgumentNullException.ThrowIfNull(feed);
        if (options.Validate(requireServerUrl: false).FirstOrDefault() is { } problem)
            throw new ArgumentException(problem, nameof(options));
        loggerFactory ??= NullLoggerFactory.Instance;
        _feed = feed;
        _options = options;
        _owned = owned;
        _logger = loggerFactory.CreateLogger<ExperimentationClient>();
        Config = new ConfigSnapshotCache(loggerFactory.CreateLogger<ConfigSnapshotCache>());
        if (exposureSink is not null)
        {
            _exposures = new ExposureLogger(exposureSink, options.Exposures, timeProvider, loggerFactory.CreateLogger<ExposureLogger>());
            _logOnAssign = options.Exposures.LogOnAssign;
        }
    }

    /// <summary>
    /// A client of the gateway at <see cref="ExperimentationClientOptions.ServerUrl"/>: config over SSE with polling as
    /// the fallback, exposures to <paramref name="exposureSink"/> or else to the gateway's <c>POST /api/events</c>.
    /// </summary>
    public static ExperimentationClient ForServer(ExperimentationClientOptions options, IExposureSink? exposureSink = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate(requireServerUrl: true).FirstOrDefault() is { } problem)
            throw new ArgumentException(problem, nameof(options));
        loggerFactory ??= NullLoggerFactory.Instance;
        var http = GatewayHttpClient.Create(options.ServerUrl!, options.ApiKey);
        var feed = new HttpConfigFeed(http, options, loggerFactory.CreateLogger<HttpConfigFeed>());
        exposureSink ??= HttpExposureSink.ForGateway(http, options, loggerFactory);
        return new ExperimentationClient(feed, exposureSink, options, loggerFactory, null, http);
    }

    /// <summary>A client of the gateway at <paramref name="serverUrl"/> with default settings.</summary>
    public static ExperimentationClient ForServer(Uri serverUrl, IExposureSink? exposureSink = null, ILoggerFactory? loggerFactory = null) =>
        ForServer(new ExperimentationClientOptions { ServerUrl = serverUrl }, exposureSink, loggerFactory);

    /// <summary>
    /// A client fed by <paramref name="feed"/>, for example the config grain's feed in
    /// <c>Experimentation.Client.Orleans</c>. Exposures go to <paramref name="exposureSink"/>, else to the gateway when
    /// <see cref="ExperimentationClientOptions.ServerUrl"/> is set, else nowhere (logging is disabled).
    /// </summary>
    public static ExperimentationClient ForFeed(IConfigFeed feed, ExperimentationClientOptions? options = null,
        IExposureSink? exposureSink = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(feed);
        options ??= new ExperimentationClientOptions();
        loggerFactory ??= NullLoggerFactory.Instance;
        HttpClient? http = null;
        if (exposureSink is null && options.ServerUrl is { IsAbsoluteUri: true } url)
        {
            http = GatewayHttpClient.Create(url, options.ApiKey);
            exposureSink = HttpExposureSink.ForGateway(http, options, loggerFactory);
        }
        return new ExperimentationClient(feed, exposureSink, options, loggerFactory, null, http);
    }

    /// <summary>The snapshot cache: the current snapshot, its <see cref="ConfigSnapshotCache.Updated"/> event and version waits.</summary>
    public ConfigSnapshotCache Config { get; }

    /// <summary>The snapshot assignments read now; use it for <see cref="AssignmentSnapshot.AssignAll"/>.</summary>
    public AssignmentSnapshot Snapshot => Config.Current;

    /// <summary>The version of the config in use; 0 until the first bundle arrives.</summary>
    public long Version => Config.Current.Version;

    /// <summary>True when exposures have somewhere to go.</summary>
    public bool LogsExposures => _exposures is not null;

    /// <summary>Exposure counters (all zero when exposure logging is disabled).</summary>
    public ExposureStatistics ExposureStatistics => _exposures?.Statistics ?? default;

    /// <summary>
    /// The user's variant in one experiment, or a default with its reason. Allocation-free and never throws; logs the
    /// exposure too when <see cref="ExposureOptions.LogOnAssign"/> is set.
    /// </summary>
    public AssignmentResult Assign(string experimentKey, string userId)
    {
        var result = Config.Current.Assign(experimentKey.AsSpan(), userId.AsSpan());
        if (_logOnAssign && (result.IsAssigned || result.Reason == AssignmentReason.GlobalHoldout))
            _exposures!.Log(result, userId);
        return result;
    }

    /// <summary>
    /// The user's experiment and variant in one namespace (layer), or a default with its reason. Allocation-free and
    /// never throws; logs the exposure too when <see cref="ExposureOptions.LogOnAssign"/> is set.
    /// </summary>
    public AssignmentResult AssignInLayer(string namespaceKey, string userId)
    {
        var result = Config.Current.AssignInLayer(namespaceKey.AsSpan(), userId.AsSpan());
        if (_logOnAssign && (result.IsAssigned || result.Reason == AssignmentReason.GlobalHoldout))
            _exposures!.Log(result, userId);
        return result;
    }

    /// <summary>
    /// Records that the user now sees <paramref name="assignment"/>'s variant: once per (experiment, user) in this
    /// process, batched to the sink. A user the global holdout kept out is logged once as a holdout exposure
    /// (experiment <see cref="GlobalHoldout.ExperimentKey"/>, variant <see cref="GlobalHoldout.HoldoutVariant"/>).
    /// True when queued; false for another default result, a repeat, a full queue, or when exposure logging is
    /// disabled. Never throws.
    /// </summary>
    public bool LogExposure(in AssignmentResult assignment, string userId) =>
        _exposures is not null && userId is not null && _exposures.Log(assignment, userId);

    /// <summary>
    /// Starts the feed and waits up to <see cref="ExperimentationClientOptions.InitialLoadTimeout"/> for the first
    /// bundle. It does not fail when none comes: assignments return defaults until one does.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_lifecycle)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            _feedTask ??= Task.Run(() => _feed.RunAsync(Config, _stopping.Token));
        }
        if (_options.InitialLoadTimeout <= TimeSpan.Zero)
            return;
        var loaded = await Task.WhenAny(Config.Loaded, Task.Delay(_options.InitialLoadTimeout, cancellationToken)).ConfigureAwait(false);
        if (loaded != Config.Loaded)
            _logger.LogWarning("No config arrived within {Timeout}; assignments return defaults until one does.", _options.InitialLoadTimeout);
    }

    /// <summary>Stops the feed and delivers the queued exposures (bounded by <see cref="ExposureOptions.ShutdownTimeout"/>).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        Task? feed;
        lock (_lifecycle)
        {
            if (_stopped)
                return;
            _stopped = true;
            feed = _feedTask;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (feed is not null)
        {
            try
            {
                await feed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogError(e, "The config feed failed while stopping.");
            }
        }
        if (_exposures is not null)
            await _exposures.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _owned?.Dispose();
        _stopping.Dispose();
    }
}
