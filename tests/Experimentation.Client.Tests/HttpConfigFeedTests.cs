using Experimentation.Client.Config;

namespace Experimentation.Client.Tests;

/// <summary>The HTTP feed against a real Kestrel server that speaks the gateway's config protocol.</summary>
public sealed class HttpConfigFeedTests
{
    private static ExperimentationClientOptions Fast(Uri url) => new()
    {
        ServerUrl = url,
        ReconnectDelay = TimeSpan.FromMilliseconds(50),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(400),
        PollInterval = TimeSpan.FromMilliseconds(100),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    private static async Task<ExperimentationClient> StartAsync(ExperimentationClientOptions options)
    {
        var client = ExperimentationClient.ForServer(options);
        await client.StartAsync();
        return client;
    }

    [Fact]
    public async Task TheFirstBundleArrivesOverTheStreamAndLaterVersionsArePushed()
    {
        await using var server = await ConfigProtocolServer.StartAsync(Bundles.Sample(3));
        await using var client = await StartAsync(Fast(server.Url));
        Assert.Equal(3, client.Version);

        server.Publish(Bundles.Sample(4));
        await client.Config.WaitForVersionAsync(4).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(0, server.Polls);
        Assert.Equal([null], server.StreamRequests);
    }

    [Fact]
    public async Task AReconnectSendsTheLastEventIdAndTheStreamCarriesOn()
    {
        await using var server = await ConfigProtocolServer.StartAsync(Bundles.Sample(3));
        await using var client = await StartAsync(Fast(server.Url));

        server.CutStreams();
        await Eventually.Until("the client to reconnect the cut stream", () => server.StreamRequests.Count, n => n >= 2);
        server.Publish(Bundles.Sample(4));
        await client.Config.WaitForVersionAsync(4).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("3", server.StreamRequests.ElementAt(1));
    }

    [Fact]
    public async Task AVersionPublishedWhileTheStreamIsDownIsNotMissed()
    {
        await using var server = await ConfigProtocolServer.StartAsync(Bundles.Sample(3));
        await using var client = await StartAsync(Fast(server.Url));
        server.StreamEnabled = false;

        server.CutStreams();
        // The server may still be writing version 3 when the client has it; publish only once that stream is over.
        await Eventually.Until("the cut stream to end on the server", () => server.OpenStreams, n => n == 0);
        server.Publish(Bundles.Sample(4));

        await client.Config.WaitForVersionAsync(4).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal([3L], server.StreamedVersions);
        Assert.Contains(4L, server.PolledVersions);
    }

    [Fact]
    public async Task WithoutTheStreamItPollsWithIfNoneMatch()
    {
        await using var server = await ConfigProtocolServer.StartAsync(Bundles.Sample(1));
        server.StreamEnabled = false;
        await using var client = await StartAsync(Fast(server.Url));
        Assert.Equal(1, client.Version);

        await Eventually.Until("two unchanged polls answered 304", () => server.NotModified, n => n >= 2);
        server.Publish(Bundles.Sample(2));

        await client.Config.WaitForVersionAsync(2).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AStreamSilentPastTheIdleTimeoutIsReplaced()
    {
        await using var server = await ConfigProtocolServer.StartAsync(Bundles.Sample(1));
        server.KeepAlive = null;
        var options = Fast(server.Url);
        options.StreamIdleTimeout = TimeSpan.FromMilliseconds(300);
        await using var client = await StartAsync(options);

        await Eventually.Until("a silent stream to be replaced twice", () => server.StreamRequests.Count, n => n >= 3);
    }

    [Fact]
    public async Task KeepAlivesHoldAQuietStreamOpen()
    {
        await using var server = await ConfigProtocolServer.StartAsync(Bundles.Sample(1));
        server.KeepAlive = TimeSpan.FromMilliseconds(100);
        var options = Fast(server.Url);
        // Thirty keep-alives per idle timeout: only a stream that really ignores them could time out, even on a machine
        // busy enough to hold a read's continuation back for a second (seen while the rest of the solution compiled).
        options.StreamIdleTimeout = TimeSpan.FromSeconds(3);
        await using var client = await StartAsync(options);

        // Sixty keep-alives span twice the idle timeout: a client deaf to them would have reconnected by then.
        var seen = await Eventually.Until("sixty keep-alives on the quiet stream, or a second stream request",
            () => (server.KeepAlives, Streams: server.StreamRequests.Count), s => s.KeepAlives >= 60 || s.Streams > 1,
            timeout: TimeSpan.FromSeconds(30));

        Assert.Equal(1, seen.Streams);
    }

    [Fact]
    public async Task AnInvalidBundleIsSkippedAndTheNextValidOneApplied()
    {
        await using var server = await ConfigProtocolServer.StartAsync(Bundles.Sample(1));
        await using var client = await StartAsync(Fast(server.Url));
        var seen = new List<long>();
        client.Config.Updated += s => { lock (seen) seen.Add(s.Version); };

        server.Publish(Bundles.Invalid(2));
        server.Publish(Bundles.Sample(3));
        await client.Config.WaitForVersionAsync(3).WaitAsync(TimeSpan.FromSeconds(5));

        lock (seen) Assert.DoesNotContain(2, seen);
    }

    [Fact]
    public async Task StartingWhileTheServerIsDownDoesNotFailAndLaterConfigStillArrives()
    {
        await using var server = await ConfigProtocolServer.StartAsync(Bundles.Sample(7));
        server.StreamEnabled = false;
        var options = Fast(new Uri("http://127.0.0.1:1"));
        options.InitialLoadTimeout = TimeSpan.FromMilliseconds(200);
        await using var down = await StartAsync(options);
        Assert.Equal(0, down.Version);
        Assert.Equal(Assignment.AssignmentReason.UnknownExperiment, down.Assign("checkout", "user-1").Reason);

        await using var up = await StartAsync(Fast(server.Url));
        Assert.Equal(7, up.Version);
    }
}
