using System.Net;
using System.Text.Json;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Api;

/// <summary>The experiment endpoints over real HTTP, as the README's curl examples use them.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ExperimentsApiTests(PlatformFixture platform)
{
    private HttpClient Http => platform.Http;

    [Fact]
    public async Task TheDecisionModeAndLookIntervalAreSetPerExperimentAndDefaultToSequentialEveryMinute()
    {
        var plain = Samples.Key("defaults");
        var shown = await (await Http.PostJson("/api/experiments", Samples.AbJson(plain))).Json();
        Assert.Equal("sequential", shown.GetProperty("decisionMode").GetString());
        Assert.Equal(60, shown.GetProperty("lookIntervalSeconds").GetInt32());

        var set = Samples.Key("fixed");
        var body = Samples.AbJson(set).Replace("\"mde\": 0.02", "\"mde\": 0.02, \"decisionMode\": \"fixed_horizon\", \"lookIntervalSeconds\": 300");
        var created = await (await Http.PostJson("/api/experiments", body)).Json();
        Assert.Equal("fixed_horizon", created.GetProperty("decisionMode").GetString());
        Assert.Equal(300, created.GetProperty("lookIntervalSeconds").GetInt32());

        foreach (var (field, value) in new[] { ("lookIntervalSeconds", "0"), ("lookIntervalSeconds", "86401"), ("decisionMode", "\"weekly\"") })
        {
            var bad = Samples.AbJson(Samples.Key("bad")).Replace("\"mde\": 0.02", $"\"mde\": 0.02, \"{field}\": {value}");
            using var response = await Http.PostJson("/api/experiments", bad);
            await response.AssertStatus(HttpStatusCode.BadRequest);
            Assert.Contains(field, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task CreateStartPauseResumeConcludeShowsFiveEventsInOrder()
    {
        var key = Samples.Key("curl");

        var created = await Http.PostJson("/api/experiments", Samples.AbJson(key));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/experiments/{key}", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await Http.PostAsync($"/api/experiments/{key}/start", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.PostJson($"/api/experiments/{key}/pause", """{"reason":"bug in the green button"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.PostAsync($"/api/experiments/{key}/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.PostJson($"/api/experiments/{key}/conclude", """{"decision":"ship","winningVariant":"green"}""")).StatusCode);

        var history = await (await Http.GetAsync($"/api/experiments/{key}/history")).Json();

        Assert.Equal(
            ["ExperimentCreated", "ExperimentStarted", "ExperimentPaused", "ExperimentResumed", "ExperimentConcluded"],
            history.EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Equal([1, 2, 3, 4, 5], history.EnumerateArray().Select(e => e.GetProperty("version").GetInt32()));
        Assert.Equal("bug in the green button", history[2].GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal("ship", history[4].GetProperty("data").GetProperty("decision").GetString());
    }

    [Fact]
    public async Task GetReturnsStatusVersionAndTheDefinition()
    {
        var key = Samples.Key("get");
        await (await Http.PostJson("/api/experiments", Samples.AbJson(key))).AssertStatus(HttpStatusCode.Created);
        await (await Http.PostAsync($"/api/experiments/{key}/start", null)).AssertStatus(HttpStatusCode.OK);

        var experiment = await (await Http.GetAsync($"/api/experiments/{key}")).Json();

        Assert.Equal("running", experiment.GetProperty("status").GetString());
        Assert.Equal(2, experiment.GetProperty("version").GetInt32());
        Assert.Equal("ab", experiment.GetProperty("type").GetString());
        Assert.Equal(50, experiment.GetProperty("trafficPercent").GetDouble());
        Assert.Equal("green", experiment.GetProperty("variants")[1].GetProperty("config").GetProperty("color").GetString());
        Assert.True(experiment.GetProperty("variants")[0].GetProperty("control").GetBoolean());
    }

    [Fact]
    public async Task ListFiltersByStatus()
    {
        var draft = Samples.Key("list-draft");
        var running = Samples.Key("list-running");
        await (await Http.PostJson("/api/experiments", Samples.AbJson(draft))).AssertStatus(HttpStatusCode.Created);
        await (await Http.PostJson("/api/experiments", Samples.AbJson(running))).AssertStatus(HttpStatusCode.Created);
        await (await Http.PostAsync($"/api/experiments/{running}/start", null)).AssertStatus(HttpStatusCode.OK);

        var runningKeys = Keys(await (await Http.GetAsync("/api/experiments?status=running")).Json());
        var allKeys = Keys(await (await Http.GetAsync("/api/experiments")).Json());

        Assert.Contains(running, runningKeys);
        Assert.DoesNotContain(draft, runningKeys);
        Assert.Contains(draft, allKeys);
        Assert.Contains(running, allKeys);
    }

    [Fact]
    public async Task UpdateDraftReplacesTheDefinition()
    {
        var key = Samples.Key("put");
        await (await Http.PostJson("/api/experiments", Samples.AbJson(key))).AssertStatus(HttpStatusCode.Created);

        var updated = await Http.PutAsync($"/api/experiments/{key}",
            new StringContent(Samples.AbJson(key).Replace("Green checkout button", "Renamed"), System.Text.Encoding.UTF8, "application/json"));

        var body = await updated.Json();
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Renamed", body.GetProperty("name").GetString());
        Assert.Equal(2, body.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task TheOpenApiDocumentAndReferencePageAreServed()
    {
        var openApi = await Http.GetAsync("/openapi/v1.json");
        var document = await openApi.Json();
        var page = await Http.GetAsync("/docs/");

        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/experiments/{key}/history", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/metrics", out _));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("html", page.Content.Headers.ContentType?.MediaType);
    }

    private static string?[] Keys(JsonElement list) => list.EnumerateArray().Select(e => e.GetProperty("key").GetString()).ToArray();
}
