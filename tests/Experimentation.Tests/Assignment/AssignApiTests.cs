using System.Net;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Assignment;

/// <summary>GET /api/assign for thin clients, and the global holdout.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AssignApiTests(PlatformFixture platform)
{
    private HttpClient Http => platform.Http;

    [Fact]
    public async Task ARunningExperimentAssignsAVariantWithItsConfigAndTheSameAnswerEveryTime()
    {
        var key = await Running(Samples.AbJson(Samples.Key("assign")).Replace("\"trafficPercent\": 50", "\"trafficPercent\": 100"));

        var first = await (await Http.GetAsync($"/api/assign?experiment={key}&user=user-42")).Json();
        var again = await (await Http.GetAsync($"/api/assign?experiment={key}&user=user-42")).Json();

        Assert.Equal("assigned", first.GetProperty("reason").GetString());
        Assert.Contains(first.GetProperty("variant").GetString(), new[] { "control", "green" });
        Assert.Equal(first.GetProperty("variant").GetString(), again.GetProperty("variant").GetString());
        Assert.Contains(first.GetProperty("config").GetProperty("color").GetString(), new[] { "blue", "green" });
    }

    [Fact]
    public async Task AUserInANamespaceGetsTheExperimentThatOwnsTheirSlot()
    {
        var ns = Samples.Key("assign-ns");
        await (await Http.PostJson("/api/namespaces", $$"""{"key":"{{ns}}","totalSlots":100}""")).AssertStatus(HttpStatusCode.Created);
        var key = await Running(Samples.AbJson(Samples.Key("in-ns"))
            .Replace("\"trafficPercent\": 50", $"\"trafficPercent\": 100, \"namespace\": {{ \"key\": \"{ns}\", \"slots\": 100 }}"));

        var result = await (await Http.GetAsync($"/api/assign?namespace={ns}&user=someone")).Json();

        Assert.Equal(key, result.GetProperty("experiment").GetString());
        Assert.Equal("assigned", result.GetProperty("reason").GetString());
        Assert.InRange(result.GetProperty("slot").GetInt32(), 0, 99);
    }

    [Theory]
    [InlineData("/api/assign?user=u", HttpStatusCode.BadRequest, "experiment")]
    [InlineData("/api/assign?experiment=a&namespace=b&user=u", HttpStatusCode.BadRequest, "namespace")]
    [InlineData("/api/assign?experiment=a", HttpStatusCode.BadRequest, "user")]
    [InlineData("/api/assign?experiment=a&user=", HttpStatusCode.BadRequest, "user")]
    [InlineData("/api/assign?experiment=no-such-experiment&user=u", HttpStatusCode.NotFound, null)]
    [InlineData("/api/assign?namespace=no-such-namespace&user=u", HttpStatusCode.NotFound, null)]
    public async Task BadAssignRequestsAreClearProblems(string url, HttpStatusCode status, string? field)
    {
        await (await Http.GetAsync(url)).AssertProblem(status, field);
    }

    [Fact]
    public async Task AnOversizedUserIdIsABadRequest()
    {
        await (await Http.GetAsync($"/api/assign?experiment=a&user={new string('u', 300)}")).AssertProblem(HttpStatusCode.BadRequest, "user");
    }

    [Fact]
    public async Task TheGlobalHoldoutKeepsItsShareOutOfEveryExperiment()
    {
        var key = await Running(Samples.AbJson(Samples.Key("holdout")).Replace("\"trafficPercent\": 50", "\"trafficPercent\": 100"));
        var set = await Http.PutAsync("/api/config/holdout", new StringContent("""{"percent":10}""", System.Text.Encoding.UTF8, "application/json"));
        await Config.WaitFor(Http, b => b.GetProperty("holdoutBasisPoints").GetInt32() == 1000);
        var tooBig = await Http.PutAsync("/api/config/holdout", new StringContent("""{"percent":60}""", System.Text.Encoding.UTF8, "application/json"));

        var reasons = new List<string?>();
        for (var i = 0; i < 300; i++)
            reasons.Add((await (await Http.GetAsync($"/api/assign?experiment={key}&user=u{i}")).Json()).GetProperty("reason").GetString());
        await (await Http.PutAsync("/api/config/holdout", new StringContent("""{"percent":0}""", System.Text.Encoding.UTF8, "application/json"))).AssertStatus(HttpStatusCode.OK);
        await Config.WaitFor(Http, b => b.GetProperty("holdoutBasisPoints").GetInt32() == 0);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        await tooBig.AssertProblem(HttpStatusCode.BadRequest, "percent");
        var held = reasons.Count(r => r == "global_holdout");
        Assert.InRange(held, 12, 50); // 10% of 300 is 30; ±3.5 standard deviations.
        Assert.Equal(300 - held, reasons.Count(r => r == "assigned"));
    }

    private async Task<string> Running(string body)
    {
        var key = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("key").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await Http.PostJson("/api/experiments", body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.PostAsync($"/api/experiments/{key}/start", null)).StatusCode);
        await Config.WaitFor(Http, b => ConfigApiTests.Find(b, key) is not null);
        return key;
    }
}
