using System.Net;
using System.Text.Json;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Assignment;

/// <summary>Namespaces over HTTP: slot claims at start, collisions named, slots released at conclusion.</summary>
[Collection(PlatformCollection.Name)]
public sealed class NamespacesApiTests(PlatformFixture platform)
{
    private HttpClient Http => platform.Http;

    [Fact]
    public async Task StartingClaimsContiguousSlotsAndACollisionNamesTheHolder()
    {
        var ns = await Namespace(totalSlots: 100);
        var first = await Experiment(ns, slots: 60);
        var second = await Experiment(ns, slots: 60);

        var started = await Http.PostAsync($"/api/experiments/{first}/start", null);
        var collided = await Http.PostAsync($"/api/experiments/{second}/start", null);
        var map = await (await Http.GetAsync($"/api/namespaces/{ns}")).Json();

        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var slots = (await started.Json()).GetProperty("slots");
        Assert.Equal(0, slots.GetProperty("start").GetInt32());
        Assert.Equal(60, slots.GetProperty("end").GetInt32());
        var problem = await collided.AssertProblem(HttpStatusCode.Conflict);
        Assert.Contains(first, problem.GetProperty("detail").GetString());
        Assert.Equal("draft", (await (await Http.GetAsync($"/api/experiments/{second}")).Json()).GetProperty("status").GetString());
        Assert.Equal(first, Assert.Single(map.GetProperty("allocations").EnumerateArray()).GetProperty("experimentKey").GetString());
    }

    [Fact]
    public async Task ConcludingReleasesTheSlotsForTheNextExperiment()
    {
        var ns = await Namespace(totalSlots: 10);
        var first = await Experiment(ns, slots: 10);
        var second = await Experiment(ns, slots: 4);
        await (await Http.PostAsync($"/api/experiments/{first}/start", null)).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Conflict, (await Http.PostAsync($"/api/experiments/{second}/start", null)).StatusCode);

        await (await Http.PostJson($"/api/experiments/{first}/conclude", """{"decision":"keep_control"}""")).AssertStatus(HttpStatusCode.OK);
        var started = await Http.PostAsync($"/api/experiments/{second}/start", null);

        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var map = await (await Http.GetAsync($"/api/namespaces/{ns}")).Json();
        Assert.Equal(second, Assert.Single(map.GetProperty("allocations").EnumerateArray()).GetProperty("experimentKey").GetString());
    }

    [Fact]
    public async Task NamespacesDefaultToOneThousandSlotsAndAreListed()
    {
        var key = Samples.Key("ns");
        var created = await Http.PostJson("/api/namespaces", $$"""{"key":"{{key}}"}""");
        var list = await (await Http.GetAsync("/api/namespaces")).Json();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1000, (await created.Json()).GetProperty("totalSlots").GetInt32());
        Assert.Contains(list.EnumerateArray(), n => n.GetProperty("key").GetString() == key);
        await (await Http.PostJson("/api/namespaces", $$"""{"key":"{{key}}"}""")).AssertProblem(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("""{"totalSlots":10}""", "key")]
    [InlineData("""{"key":"Bad Key"}""", "key")]
    [InlineData("""{"key":"KEY","totalSlots":0}""", "totalSlots")]
    [InlineData("""{"key":"KEY","totalSlots":100001}""", "totalSlots")]
    [InlineData("""{"key":"KEY","totalSlots":"many"}""", "totalSlots")]
    [InlineData("""{"key":"KEY",""", "body")]
    public async Task ABadNamespaceIsRefusedWithTheFieldAndCreatesNothing(string body, string field)
    {
        var key = Samples.Key("badns");

        await (await Http.PostJson("/api/namespaces", body.Replace("KEY", key))).AssertProblem(HttpStatusCode.BadRequest, field);

        await (await Http.GetAsync($"/api/namespaces/{key}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnExperimentMustNameAnExistingNamespaceWithEnoughSlots()
    {
        var ns = await Namespace(totalSlots: 10);

        var unknown = await Http.PostJson("/api/experiments", WithNamespace(Samples.Key("e"), Samples.Key("nowhere"), 5));
        var tooMany = await Http.PostJson("/api/experiments", WithNamespace(Samples.Key("e"), ns, 11));

        await unknown.AssertProblem(HttpStatusCode.BadRequest, "namespace.key");
        await tooMany.AssertProblem(HttpStatusCode.BadRequest, "namespace.slots");
    }

    [Fact]
    public async Task ANamespaceAndAnExperimentWithTheSameKeyStillPublishAValidBundle()
    {
        var key = Samples.Key("same");
        await (await Http.PostJson("/api/namespaces", $$"""{"key":"{{key}}","totalSlots":100}""")).AssertStatus(HttpStatusCode.Created);
        await (await Http.PostJson("/api/experiments", Samples.AbJson(key))).AssertStatus(HttpStatusCode.Created);
        await (await Http.PostAsync($"/api/experiments/{key}/start", null)).AssertStatus(HttpStatusCode.OK);

        var config = await Config.WaitFor(Http, b => ConfigApiTests.Find(b, key) is not null);

        var salts = config.Bundle.GetProperty("namespaces").EnumerateArray().Select(n => n.GetProperty("salt").GetString());
        Assert.Contains($"namespace:{key}", salts);
    }

    private async Task<string> Namespace(int totalSlots)
    {
        var key = Samples.Key("layer");
        Assert.Equal(HttpStatusCode.Created, (await Http.PostJson("/api/namespaces", $$"""{"key":"{{key}}","totalSlots":{{totalSlots}}}""")).StatusCode);
        return key;
    }

    private async Task<string> Experiment(string ns, int slots)
    {
        var key = Samples.Key("exp");
        var created = await Http.PostJson("/api/experiments", WithNamespace(key, ns, slots));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return key;
    }

    private static string WithNamespace(string key, string ns, int slots) =>
        Samples.AbJson(key).Replace("\"mde\": 0.02", $"\"mde\": 0.02, \"namespace\": {{ \"key\": \"{ns}\", \"slots\": {slots} }}");
}
