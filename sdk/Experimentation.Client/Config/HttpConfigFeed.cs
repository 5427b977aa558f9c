using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Experimentation.Client.Config;

/// <summary>
/// Keeps the cache current from the gateway: a Server-Sent Events stream (<c>GET /api/config/stream</c>) while it
/// works, and polls of <c>GET /api/config</c> with If-None-Match while it does not.
/// </summary>
/// <remarks>
/// Each connection sends <c>Last-Event-ID</c> with the version held, so the server sends only what is newer and a
/// reconnect misses nothing. When the stream fails or ends, the feed polls once at once (catching up whatever
/// happened during the gap), then keeps polling every <see cref="ExperimentationClientOptions.PollInterval"/> while it
/// waits out an exponential backoff before the next stream attempt. A gateway without the stream endpoint therefore
/// degrades to plain polling, and a gateway that recovers is back on the stream within the backoff cap.
/// </remarks>
public sealed class HttpConfigFeed : IConfigFeed
{
    private const string ConfigEvent = "config";
    private static readonly MediaTypeWithQualityHeaderValue EventStream = new("text/event-stream");
    private static readonly MediaTypeWithQualityHeaderValue ApplicationJson = new("application/json");

    private readonly HttpClient _stream;
    private readonly HttpClient _requests;
    private readonly ExperimentationClientOptions _options;
    private readonly ILogger _logger;

    /// <param name="http">A client whose <see cref="HttpClient.BaseAddress"/> is the gateway, for the stream and the
    /// polls. Its <see cref="HttpClient.Timeout"/> should be infinite: the stream is one long response, and this feed
    /// applies its own timeouts to each request.</param>
    public HttpConfigFeed(HttpClient http, ExperimentationClientOptions options, ILogger<HttpConfigFeed>? logger = null)
        : this(http, http, options, logger)
    {
    }

    /// <param name="stream">The client of the SSE stream; its <see cref="HttpClient.Timeout"/> must be infinite.</param>
    /// <param name="requests">The client of the polls, each bounded by <see cref="ExperimentationClientOptions.RequestTimeout"/>.</param>
    public HttpConfigFeed(HttpClient stream, HttpClient requests, ExperimentationClientOptions options, ILogger<HttpConfigFeed>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(options);
        _stream = stream;
        _requests = requests;
        _options = options;
        _logger = logger ?? NullLogger<HttpConfigFeed>.Instance;
    }

    public async Task RunAsync(ConfigSnapshotCache cache, CancellationToken cancellationToken)
    {
        int failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            bool healthy = false;
            try
            {
                healthy = await StreamAsync(cache, cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("The config stream ended; reconnecting.");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                healthy = e is StreamFailure { Healthy: true };
                _logger.LogWarning("The config stream failed ({Failure}); polling until it reconnects.", Describe(e));
            }

            failures = healthy ? 0 : failures + 1;
            var reconnectAt = DateTimeOffset.UtcNow + Backoff.Delay(failures, _options.ReconnectDelay, _options.MaxReconnectDelay);
            if (!await PollUntilAsync(cache, reconnectAt, cancellationToken).ConfigureAwait(false))
                return;
        }
    }

    /// <summary>One stream connection; true when it delivered anything before it ended (a healthy connection).</summary>
    private async Task<bool> StreamAsync(ConfigSnapshotCache cache, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/config/stream");
        request.Headers.Accept.Add(EventStream);
        long held = cache.Current.Version;
        if (held > 0)
            request.Headers.Add("Last-Event-ID", held.ToString(CultureInfo.InvariantCulture));

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(_options.RequestTimeout);
        using var response = await _stream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new StreamFailure($"HTTP {(int)response.StatusCode}", healthy: false);
        if (response.Content.Headers.ContentType?.MediaType != EventStream.MediaType)
            throw new StreamFailure($"content type {response.Content.Headers.ContentType?.MediaType ?? "none"}", healthy: false);

        var body = new IdleTimeoutStream(await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false), idle, _options.StreamIdleTimeout);
        await using (body.ConfigureAwait(false))
        {
            try
            {
                _logger.LogInformation("Config stream connected at version {Version}.", held);
                await foreach (var item in SseParser.Create(body).EnumerateAsync(idle.Token).ConfigureAwait(false))
                {
                    if (item.EventType == ConfigEvent)
                        cache.ApplyJson(item.Data);
                }
                return body.BytesRead > 0;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new StreamFailure($"no bytes for {_options.StreamIdleTimeout.TotalSeconds:0.#} s", body.BytesRead > 0);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw new StreamFailure(Describe(e), body.BytesRead > 0);
            }
        }
    }

    /// <summary>Polls now and then every poll interval until <paramref name="until"/>; false once cancelled.</summary>
    private async Task<bool> PollUntilAsync(ConfigSnapshotCache cache, DateTimeOffset until, CancellationToken cancellationToken)
    {
        while (true)
        {
            await PollAsync(cache, cancellationToken).ConfigureAwait(false);
            var left = until - DateTimeOffset.UtcNow;
            var wait = left < _options.PollInterval ? left : _options.PollInterval;
            try
            {
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            if (DateTimeOffset.UtcNow >= until)
                return true;
        }
    }

    private async Task PollAsync(ConfigSnapshotCache cache, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/config");
            request.Headers.Accept.Add(ApplicationJson);
            long held = cache.Current.Version;
            if (held > 0)
                request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{held.ToString(CultureInfo.InvariantCulture)}\""));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            using var response = await _requests.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotModified)
                return;
            if (!response.IsSuccessStatusCode)
            {
                _logger.LogWarning("Polling the config failed with HTTP {Status}.", (int)response.StatusCode);
                return;
            }
            cache.ApplyJson(await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            _logger.LogWarning("Polling the config failed ({Failure}).", Describe(e));
        }
    }

    private static string Describe(Exception e) => e switch
    {
        StreamFailure f => f.Message,
        OperationCanceledException => "timed out",
        _ => e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message,
    };

    /// <summary>Why a stream connection ended, and whether it had delivered anything (then backoff starts over).</summary>
    private sealed class StreamFailure(string message, bool healthy) : Exception(message)
    {
        public bool Healthy { get; } = healthy;
    }
}
