using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Experimentation.Assignment;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Experimentation.Client.Tests;

/// <summary>
/// A real HTTP server on Kestrel at a loopback port that speaks the gateway's config protocol (GET /api/config
/// with ETag and 304, GET /api/config/stream as SSE with Last-Event-ID and keep-alives) and accepts POST /api/events.
/// Knobs let tests take the stream away, silence it, cut connections and make event posts fail.
/// </summary>
internal sealed class ConfigProtocolServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private (long Version, string Json) _current;
    private TaskCompletionSource _published = NewSignal();
    private CancellationTokenSource _cut = new();
    private int _notModified, _polls, _keepAlives, _openStreams, _failEventPosts;

    private ConfigProtocolServer(WebApplication app, ConfigBundle bundle)
    {
        _app = app;
        _current = (bundle.Version, JsonSerializer.Serialize(bundle, Json));
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>False answers the stream endpoint with 404, as a gateway without SSE would.</summary>
    public bool StreamEnabled { get; set; } = true;

    /// <summary>Silence after which the stream sends a keep-alive comment; null sends none (a stalled stream).</summary>
    public TimeSpan? KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The Last-Event-ID (or ?version) of each stream request, in order; null when absent.</summary>
    public ConcurrentQueue<string?> StreamRequests { get; } = new();

    public int Polls => Volatile.Read(ref _polls);

    /// <summary>The version of each bundle GET /api/config sent in full (not 304), in order.</summary>
    public ConcurrentQueue<long> PolledVersions { get; } = new();

    /// <summary>The version of each bundle written to a stream, in order.</summary>
    public ConcurrentQueue<long> StreamedVersions { get; } = new();

    /// <summary>Keep-alive comments written, over all streams.</summary>
    public int KeepAlives => Volatile.Read(ref _keepAlives);

    /// <summary>Streams being served now: a cut stream counts until its handler has returned.</summary>
    public int OpenStreams => Volatile.Read(ref _openStreams);

    public int NotModified => Volatile.Read(ref _notModified);

    /// <summary>Every body posted to /api/events, failed attempts included, as parsed JSON.</summary>
    public ConcurrentQueue<JsonElement> EventPosts { get; } = new();

    /// <summary>How many of the next event posts fail, and with which status.</summary>
    public void FailEventPosts(int count, int status)
    {
        Volatile.Write(ref _failEventPosts, count);
        EventFailureStatus = status;
    }

    private int EventFailureStatus { get; set; } = StatusCodes.Status503ServiceUnavailable;

    public static async Task<ConfigProtocolServer> StartAsync(ConfigBundle bundle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var server = new ConfigProtocolServer(app, bundle);
        app.MapGet("/api/config", (Func<HttpContext, IResult>)server.GetConfig);
        app.MapGet("/api/config/stream", (RequestDelegate)server.StreamConfig);
        app.MapPost("/api/events", (Func<HttpContext, Task<IResult>>)server.PostEvents);
        await app.StartAsync();
        server.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    /// <summary>Makes <paramref name="bundle"/> current and pushes it to every open stream.</summary>
    public void Publish(ConfigBundle bundle)
    {
        TaskCompletionSource published;
        lock (_lock)
        {
            _current = (bundle.Version, JsonSerializer.Serialize(bundle, Json));
            published = _published;
            _published = NewSignal();
        }
        published.TrySetResult();
    }

    /// <summary>Ends every open stream, as a restarting gateway or a dropped proxy connection would.</summary>
    public void CutStreams()
    {
        CancellationTokenSource cut;
        lock (_lock)
        {
            cut = _cut;
            _cut = new CancellationTokenSource();
        }
        cut.Cancel();
    }

    public async ValueTask DisposeAsync()
    {
        CutStreams();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult GetConfig(HttpContext http)
    {
        Interlocked.Increment(ref _polls);
        var (version, json) = Current();
        string etag = $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.Contains(etag))
        {
            Interlocked.Increment(ref _notModified);
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        PolledVersions.Enqueue(version);
        return Results.Text(json, "application/json");
    }

    private async Task StreamConfig(HttpContext http)
    {
        string? lastEventId = http.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? http.Request.Query["version"].FirstOrDefault();
        StreamRequests.Enqueue(lastEventId);
        if (!StreamEnabled)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        long sent = long.TryParse(lastEventId, CultureInfo.InvariantCulture, out long v) ? v : 0;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.Body.FlushAsync(http.RequestAborted);

        CancellationToken cut;
        lock (_lock) cut = _cut.Token;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, cut);
        Interlocked.Increment(ref _openStreams);
        try
        {
            while (true)
            {
                Task published;
                (long Version, string Json) current;
                lock (_lock)
                {
                    published = _published.Task;
                    current = _current;
                }
                if (current.Version > sent)
                {
                    await http.Response.WriteAsync($"id: {current.Version}\nevent: config\ndata: {current.Json}\n\n", stop.Token);
                    await http.Response.Body.FlushAsync(stop.Token);
                    StreamedVersions.Enqueue(current.Version);
                    sent = current.Version;
                }
                var silence = Task.Delay(KeepAlive ?? Timeout.InfiniteTimeSpan, stop.Token);
                if (await Task.WhenAny(published, silence) == silence)
                {
                    await silence; // throws once the stream is cut
                    await http.Response.WriteAsync(": keep-alive\n\n", stop.Token);
                    await http.Response.Body.FlushAsync(stop.Token);
                    Interlocked.Increment(ref _keepAlives);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Cut by the test or closed by the client: the response simply ends.
        }
        finally
        {
            Interlocked.Decrement(ref _openStreams);
        }
    }

    private async Task<IResult> PostEvents(HttpContext http)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body, Json, http.RequestAborted);
        EventPosts.Enqueue(body);
        if (Interlocked.Decrement(ref _failEventPosts) >= 0)
            return Results.Problem("injected failure", statusCode: EventFailureStatus);
        return Results.Accepted();
    }

    private (long Version, string Json) Current()
    {
        lock (_lock) return _current;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
