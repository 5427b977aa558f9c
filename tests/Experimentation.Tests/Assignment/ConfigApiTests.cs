using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Assignment;

/// <summary>The config bundle over HTTP: versions, ETags, SSE pushes, traffic ramps and the holdout.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ConfigApiTests(PlatformFixture platform)
{
    private HttpClient Http => platform.Http;

    [Fact]
    public async Task EveryLifecycleChangeBumpsTheVersionAndTheBundleFollowsTheExperiment()
    {
        var key = Samples.Key("cfg");
        await (await Http.PostJson("/api/experiments", Samples.AbJson(key))).AssertStatus(HttpStatusCode.Created);
        var v0 = await Version();

        await (await Http.PostAsync($"/api/experiments/{key}/start", null)).AssertStatus(HttpStatusCode.OK);
        var running = await Config.WaitFor(Http, b => Find(b, key) is { } e && e.GetProperty("isRunning").GetBoolean());
        await (await Http.PostJson($"/api/experiments/{key}/pause", """{"reason":"check"}""")).AssertStatus(HttpStatusCode.OK);
        var paused = await Config.WaitFor(Http, b => Find(b, key) is { } e && !e.GetProperty("isRunning").GetBoolean());
        await (await Http.PostJson($"/api/experiments/{key}/conclude", """{"decision":"inconclusive"}""")).AssertStatus(HttpStatusCode.OK);
        var concluded = await Config.WaitFor(Http, b => Find(b, key) is null);

        Assert.True(running.Version > v0);
        Assert.True(paused.Version > running.Version);
        Assert.True(concluded.Version > paused.Version);
        Assert.Equal(5000, Find(running.Bundle, key)!.Value.GetProperty("trafficBasisPoints").GetInt32());
    }

    [Fact]
    public async Task TheETagAnswers304UntilTheBundleChanges()
    {
        var first = await Http.GetAsync("/api/config");
        var etag = first.Headers.ETag!;

        var same = await Get(etag);
        var key = Samples.Key("etag");
        await (await Http.PostJson("/api/experiments", Samples.AbJson(key))).AssertStatus(HttpStatusCode.Created);
        await (await Http.PostAsync($"/api/experiments/{key}/start", null)).AssertStatus(HttpStatusCode.OK);
        await Config.WaitFor(Http, b => Find(b, key) is not null);
        var changed = await Get(etag);

        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task TheStreamSendsTheCurrentVersionThenEachNewOne()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/config/stream");
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        await using var body = await response.Content.ReadAsStreamAsync(cancel.Token);
        using var reader = new StreamReader(body);
        var initial = await Config.NextEvent(reader, cancel.Token);

        var key = Samples.Key("sse");
        await (await Http.PostJson("/api/experiments", Samples.AbJson(key))).AssertStatus(HttpStatusCode.Created);
        await (await Http.PostAsync($"/api/experiments/{key}/start", null)).AssertStatus(HttpStatusCode.OK);
        (long Id, JsonElement Bundle) pushed;
        do pushed = await Config.NextEvent(reader, cancel.Token);
        while (Find(pushed.Bundle, key) is null);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.True(pushed.Id > initial.Id);
        Assert.Equal(pushed.Id, pushed.Bundle.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task ATrafficRampIsAnEventAndReachesTheBundle()
    {
        var key = Samples.Key("ramp");
        await (await Http.PostJson("/api/experiments", Samples.AbJson(key))).AssertStatus(HttpStatusCode.Created);
        var draft = await Http.PostJson($"/api/experiments/{key}/traffic", """{"percent":80}""");
        await (await Http.PostAsync($"/api/experiments/{key}/start", null)).AssertStatus(HttpStatusCode.OK);

        var ramped = await Http.PostJson($"/api/experiments/{key}/traffic", """{"percent":80}""");
        var tooMuch = await Http.PostJson($"/api/experiments/{key}/traffic", """{"percent":101}""");
        var missing = await Http.PostJson($"/api/experiments/{key}/traffic", "{}");
        var bundle = await Config.WaitFor(Http, b => Find(b, key) is { } e && e.GetProperty("trafficBasisPoints").GetInt32() == 8000);
        var history = await (await Http.GetAsync($"/api/experiments/{key}/history")).Json();

        await draft.AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, ramped.StatusCode);
        await tooMuch.AssertProblem(HttpStatusCode.BadRequest, "percent");
        await missing.AssertProblem(HttpStatusCode.BadRequest, "percent");
        Assert.Equal("TrafficChanged", history[history.GetArrayLength() - 1].GetProperty("type").GetString());
        Assert.Equal(3, history.GetArrayLength());
        Assert.NotNull(Find(bundle.Bundle, key));
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("-1")]
    [InlineData("9223372036854775807")]
    public async Task TheStreamRefusesAVersionItCannotResumeFrom(string version)
    {
        await (await Http.GetAsync($"/api/config/stream?version={version}")).AssertProblem(HttpStatusCode.BadRequest, "version");
    }

    [Fact]
    public async Task ALastEventIdBeyondEveryVersionStartsTheStreamAtTheCurrentBundle()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/config/stream");
        request.Headers.Add("Last-Event-ID", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        await using var body = await response.Content.ReadAsStreamAsync(cancel.Token);
        using var reader = new StreamReader(body);

        var first = await Config.NextEvent(reader, cancel.Token);

        Assert.True(first.Id <= await Version(), $"the stream opened at version {first.Id}");
    }

    private async Task<long> Version() => (await (await Http.GetAsync("/api/config")).Json()).GetProperty("version").GetInt64();

    private Task<HttpResponseMessage> Get(EntityTagHeaderValue etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/config");
        request.Headers.IfNoneMatch.Add(etag);
        return Http.SendAsync(request);
    }

    internal static JsonElement? Find(JsonElement bundle, string key) =>
        bundle.GetProperty("experiments").EnumerateArray().Where(e => e.GetProperty("key").GetString() == key)
            .Select(e => (JsonElement?)e).FirstOrDefault();
}
