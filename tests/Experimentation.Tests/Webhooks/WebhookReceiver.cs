using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Experimentation.Tests.Webhooks;

/// <summary>
/// A real HTTP receiver on a loopback port (Kestrel), as a customer's would be: it records every delivery as it
/// arrives, before answering, and answers each path as the test scripts it (200 unless told otherwise).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Responder> _responders = new();
    private readonly ConcurrentQueue<ReceivedDelivery> _received = new();
    private readonly ConcurrentDictionary<string, int> _open = new();
    private WebApplication? _app;

    /// <summary>Answers the <paramref name="index"/>-th request (from 0) to a path with a status code.</summary>
    public delegate Task<int> Responder(ReceivedDelivery request, int index, CancellationToken aborted);

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        var web = WebApplication.CreateSlimBuilder();
        web.WebHost.UseUrls("http://127.0.0.1:0");
        web.Logging.SetMinimumLevel(LogLevel.Critical);
        var app = web.Build();
        app.MapPost("/hooks/{path}", receiver.Handle);
        await app.StartAsync();
        receiver._app = app;
        receiver.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    /// <summary>The receiver URL of a path; each test uses its own.</summary>
    public string Url(string path) => new Uri(BaseAddress, $"/hooks/{path}").ToString();

    public void Respond(string path, Responder responder) => _responders[path] = responder;

    /// <summary>Answers the n-th request with the n-th status, and every later one with the last.</summary>
    public void RespondWith(string path, params int[] statuses) =>
        Respond(path, (_, index, _) => Task.FromResult(statuses[Math.Min(index, statuses.Length - 1)]));

    public IReadOnlyList<ReceivedDelivery> Received(string path) => _received.Where(r => r.Path == path).ToArray();

    /// <summary>Requests to the path that have arrived and not yet been answered.</summary>
    public int Open(string path) => _open.GetValueOrDefault(path);

    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> Handle(string path, HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var headers = context.Request.Headers;
        var request = new ReceivedDelivery(path, headers["X-Experimentation-Event"].ToString(), headers["X-Experimentation-Delivery"].ToString(),
            headers["X-Experimentation-Signature"].ToString(), context.Request.ContentType, buffer.ToArray());
        int index;
        lock (_received)
        {
            index = _received.Count(r => r.Path == path);
            _received.Enqueue(request);
        }
        _open.AddOrUpdate(path, 1, (_, n) => n + 1);
        try
        {
            var responder = _responders.GetValueOrDefault(path) ?? ((_, _, _) => Task.FromResult(StatusCodes.Status200OK));
            return Results.StatusCode(await responder(request, index, context.RequestAborted));
        }
        catch (OperationCanceledException)
        {
            return Results.StatusCode(499); // the sender went away; nobody reads this answer
        }
        finally
        {
            _open.AddOrUpdate(path, 0, (_, n) => n - 1);
        }
    }
}

/// <summary>One request as the receiver got it: the three headers and the raw body bytes the signature covers.</summary>
public sealed record ReceivedDelivery(string Path, string Event, string Delivery, string Signature, string? ContentType, byte[] Body)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);
}
