using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Playwright;
using IRequest = Microsoft.Playwright.IRequest;

namespace Experimentation.Dashboard.Tests.Browser;

/// <summary>
/// What a page did while a step ran: each request's start and end, navigations and load events, with the time since
/// the step began. A failing wait prints it, so "the page did not load" says which request never answered.
/// </summary>
internal sealed class PageJournal : IDisposable
{
    private readonly IPage _page;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<string> _lines = new();

    public PageJournal(IPage page)
    {
        _page = page;
        page.Request += OnRequest;
        page.RequestFinished += OnFinished;
        page.RequestFailed += OnFailed;
        page.FrameNavigated += OnNavigated;
        page.DOMContentLoaded += OnContentLoaded;
        page.Load += OnLoad;
        page.Console += OnConsole;
        page.Response += OnResponse;
    }

    public override string ToString() => string.Join('\n', _lines);

    public void Dispose()
    {
        _page.Request -= OnRequest;
        _page.RequestFinished -= OnFinished;
        _page.RequestFailed -= OnFailed;
        _page.FrameNavigated -= OnNavigated;
        _page.DOMContentLoaded -= OnContentLoaded;
        _page.Load -= OnLoad;
        _page.Console -= OnConsole;
        _page.Response -= OnResponse;
    }

    private void Note(string line) => _lines.Enqueue($"  {_clock.Elapsed.TotalSeconds,7:0.000} s  {line}");

    private void OnRequest(object? sender, IRequest r) => Note($"request  {r.Method} {r.Url}");

    private void OnFinished(object? sender, IRequest r) => Note($"finished {r.Method} {r.Url}");

    private void OnFailed(object? sender, IRequest r) => Note($"failed   {r.Method} {r.Url}: {r.Failure}");

    private void OnNavigated(object? sender, IFrame f) => Note($"navigated {f.Url}");

    private void OnContentLoaded(object? sender, IPage p) => Note("DOMContentLoaded");

    private void OnLoad(object? sender, IPage p) => Note("load");

    private void OnResponse(object? sender, IResponse r) => Note($"response {r.Status} {r.Request.Method} {r.Url}");

    private void OnConsole(object? sender, IConsoleMessage m) => Note($"console {m.Type}: {m.Text}");
}
