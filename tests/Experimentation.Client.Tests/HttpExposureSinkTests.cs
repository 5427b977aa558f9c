using System.Text.Json;
using Experimentation.Client.Exposures;

namespace Experimentation.Client.Tests;

/// <summary>The exposure sink against a real Kestrel endpoint in the ingestion API's shape.</summary>
public sealed class HttpExposureSinkTests
{
    private static readonly ExposureEvent[] Batch =
    [
        new(Guid.CreateVersion7(), "u1", DateTimeOffset.Parse("2025-01-02T03:04:05Z"), "checkout", "green"),
        new(Guid.CreateVersion7(), "u2", DateTimeOffset.Parse("2025-01-02T03:04:06Z"), "checkout", "control"),
    ];

    private static HttpClient Http(ConfigProtocolServer server) => new() { BaseAddress = server.Url };

    [Fact]
    public async Task ABatchIsPostedAsAJsonArrayInTheIngestionShape()
    {
        await using var server = await ConfigProtocolServer.StartAsync(Bundles.Sample(1));
        using var http = Http(server);

        await new HttpExposureSink(http).SendAsync(Batch, CancellationToken.None);

        var posted = Assert.Single(server.EventPosts);
        Assert.Equal(2, posted.GetArrayLength());
        var first = posted[0];
        Assert.Equal(Batch[0].EventId, first.GetProperty("eventId").GetGuid());
        Assert.Equal("exposure", first.GetProperty("type").GetString());
        Assert.Equal("u1", first.GetProperty("userId").GetString());
        Assert.Equal(Batch[0].Timestamp, first.GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal("checkout", first.GetProperty("experiment").GetString());
        Assert.Equal("green", first.GetProperty("variant").GetString());
    }

    [Fact]
    public async Task ServerErrorsAreRetriedWithTheSameEventIds()
    {
        await using var server = await ConfigProtocolServer.StartAsync(Bundles.Sample(1));
        server.FailEventPosts(2, 503);
        using var http = Http(server);

        await new HttpExposureSink(http, firstRetryDelay: TimeSpan.FromMilliseconds(10)).SendAsync(Batch, CancellationToken.None);

        Assert.Equal(3, server.EventPosts.Count);
        Assert.All(server.EventPosts, p => Assert.Equal(
            Batch.Select(e => e.EventId),
            p.EnumerateArray().Select(e => e.GetProperty("eventId").GetGuid())));
    }

    [Fact]
    public async Task ARefusedBatchIsGivenUpAtOnce()
    {
        await using var server = await ConfigProtocolServer.StartAsync(Bundles.Sample(1));
        server.FailEventPosts(1, 400);
        using var http = Http(server);

        var refused = await Assert.ThrowsAsync<ExposureDeliveryException>(() =>
            new HttpExposureSink(http, firstRetryDelay: TimeSpan.FromMilliseconds(10)).SendAsync(Batch, CancellationToken.None));

        Assert.Contains("400", refused.Message);
        Assert.Single(server.EventPosts);
    }

    [Fact]
    public async Task AttemptsAreBounded()
    {
        await using var server = await ConfigProtocolServer.StartAsync(Bundles.Sample(1));
        server.FailEventPosts(100, 500);
        using var http = Http(server);

        await Assert.ThrowsAsync<ExposureDeliveryException>(() =>
            new HttpExposureSink(http, attempts: 3, firstRetryDelay: TimeSpan.FromMilliseconds(10)).SendAsync(Batch, CancellationToken.None));

        Assert.Equal(3, server.EventPosts.Count);
    }
}
