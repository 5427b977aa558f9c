using System.Net;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Api;

/// <summary>The metric registry over HTTP: create, read, list, and every kind of bad input.</summary>
[Collection(PlatformCollection.Name)]
public sealed class MetricsApiTests(PlatformFixture platform)
{
    private HttpClient Http => platform.Http;

    [Fact]
    public async Task ARatioMetricIsCreatedReadAndListed()
    {
        var key = Samples.Key("aov");
        var body = $$"""
            {"key":"{{key}}","name":"Average order value","type":"ratio","eventType":"purchase","aggregation":"sum",
             "numeratorEventType":"revenue","denominatorEventType":"order"}
            """;

        var created = await Http.PostJson("/api/metrics", body);
        var read = await (await Http.GetAsync($"/api/metrics/{key}")).Json();
        var list = await (await Http.GetAsync("/api/metrics")).Json();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/metrics/{key}", created.Headers.Location?.OriginalString);
        Assert.Equal("ratio", read.GetProperty("type").GetString());
        Assert.Equal("revenue", read.GetProperty("numeratorEventType").GetString());
        Assert.Contains(list.EnumerateArray(), m => m.GetProperty("key").GetString() == key);
    }

    [Fact]
    public async Task ADuplicateKeyIsAConflictAndKeepsTheFirst()
    {
        var key = Samples.Key("dup");
        await (await Http.PostJson("/api/metrics", Metric(key, "First"))).AssertStatus(HttpStatusCode.Created);

        var second = await Http.PostJson("/api/metrics", Metric(key, "Second"));

        await second.AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal("First", (await (await Http.GetAsync($"/api/metrics/{key}")).Json()).GetProperty("name").GetString());
    }

    public static TheoryData<string, string> BadMetrics() => new()
    {
        { """{"name":"x","type":"mean","eventType":"e","aggregation":"sum"}""", "key" },
        { """{"key":"KEY","type":"mean","eventType":"e","aggregation":"sum"}""", "name" },
        { """{"key":"KEY","name":"x","type":"median","eventType":"e","aggregation":"sum"}""", "type" },
        { """{"key":"KEY","name":"x","type":"mean","eventType":"e","aggregation":"max"}""", "aggregation" },
        { """{"key":"KEY","name":"x","type":"mean","aggregation":"sum"}""", "eventType" },
        { """{"key":"KEY","name":"x","type":"ratio","eventType":"e","aggregation":"sum","denominatorEventType":"d"}""", "numeratorEventType" },
        { """{"key":"KEY","name":"x","type":"mean","eventType":"e","aggregation":"sum","numeratorEventType":"n"}""", "numeratorEventType" },
        { """{"key":"KEY","name":"x","type":"percentile","eventType":"e","aggregation":"sum"}""", "aggregation" },
        { """{"key":"KEY","name":"x","type":"mean","eventType":"e","aggregation":"p95"}""", "aggregation" },
        { """{"key":"KEY","name":"x","type":"percentile","eventType":"e","aggregation":"quantile"}""", "quantile" },
        { """{"key":"KEY","name":"x","type":"percentile","eventType":"e","aggregation":"quantile","quantile":1}""", "quantile" },
        { """{"key":"KEY","name":"x","type":"percentile","eventType":"e","aggregation":"p95","quantile":0.9}""", "quantile" },
        { """{"key":"KEY","name":"x","type":"mean","eventType":"e","aggregation":"sum","level":"unit"}""", "level" },
        { """{"key":"Bad Key","name":"x","type":"mean","eventType":"e","aggregation":"sum"}""", "key" },
        { """{"key":"KEY","name":7,"type":"mean","eventType":"e","aggregation":"sum"}""", "name" },
        { """{"key":"KEY","name":"x",""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadMetrics))]
    public async Task ABadMetricIsRefusedWithTheFieldAndStoresNothing(string body, string field)
    {
        var key = Samples.Key("badmetric");

        var response = await Http.PostJson("/api/metrics", body.Replace("KEY", key));

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/api/metrics/{key}")).StatusCode);
    }

    [Fact]
    public async Task AnUnknownMetricIsNotFound()
    {
        await (await Http.GetAsync($"/api/metrics/{Samples.Key("none")}")).AssertProblem(HttpStatusCode.NotFound);
    }

    private static string Metric(string key, string name) =>
        $$"""{"key":"{{key}}","name":"{{name}}","type":"conversion","eventType":"purchase","aggregation":"count"}""";
}
