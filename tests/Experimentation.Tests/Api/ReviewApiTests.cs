using System.Net;
using System.Text.Json;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Api;

/// <summary>
/// The review endpoints over HTTP: the fixture's installation admin submits, and a reviewer's key decides, since an
/// author may not review their own experiment (the caller rules are tested on the grains, in ReviewWorkflowTests, and
/// the roles in the access matrix). Each test owns its team.
/// </summary>
[Collection(ReviewCollection.Name)]
public sealed class ReviewApiTests(PlatformFixture platform)
{
    private HttpClient Http => platform.Http;

    [Fact]
    public async Task TurningReviewOnForATeamIsOneCallAndItsDraftsStartOnlyOnceApproved()
    {
        var team = Samples.Key("team");
        var setting = await (await Http.PutAsync("/api/settings/review", Json($$"""{"required":true,"team":"{{team}}"}""")))
            .AssertStatus(HttpStatusCode.OK);
        Assert.Contains(team, (await setting.Json()).GetProperty("teams").EnumerateArray().Select(t => t.GetString()));
        var key = await CreateAsync(team);

        var early = await (await Http.PostAsync($"/api/experiments/{key}/start", null)).AssertProblem(HttpStatusCode.Conflict);
        Assert.Contains($"review is required for team '{team}'", early.GetProperty("detail").GetString());
        Assert.Equal("in_review", await StatusAfter($"/api/experiments/{key}/submit"));
        using var reviewer = await Reviewers.CreateClientAsync(platform);
        Assert.Equal("approved", await StatusAfter($"/api/experiments/{key}/approve", reviewer));
        Assert.Equal("running", await StatusAfter($"/api/experiments/{key}/start"));

        var read = await (await Http.GetAsync("/api/settings/review")).AssertStatus(HttpStatusCode.OK);
        var json = await read.Json();
        Assert.False(json.GetProperty("everyone").GetBoolean());
        Assert.Contains(team, json.GetProperty("teams").EnumerateArray().Select(t => t.GetString()));
        // The setting's stream lives beside the experiments' streams, but is no experiment.
        var all = await (await (await Http.GetAsync("/api/experiments")).AssertStatus(HttpStatusCode.OK)).Json();
        Assert.DoesNotContain(all.EnumerateArray(), e => e.GetProperty("key").GetString()!.StartsWith("settings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangesRequestedOverHttpShowInTheExperimentAndItsHistory()
    {
        var key = await CreateAsync(Samples.Key("team"));
        await (await Http.PostAsync($"/api/experiments/{key}/submit", null)).AssertStatus(HttpStatusCode.OK);

        using var reviewer = await Reviewers.CreateClientAsync(platform);
        var sentBack = await (await reviewer.PostJson($"/api/experiments/{key}/request-changes", """{"comment":"Say why 5%."}"""))
            .AssertStatus(HttpStatusCode.OK);

        var body = await sentBack.Json();
        Assert.Equal("draft", body.GetProperty("status").GetString());
        Assert.Equal("Say why 5%.", body.GetProperty("review").GetProperty("changesRequested").GetString());
        var history = await (await Http.GetAsync($"/api/experiments/{key}/history")).Json();
        var last = history[history.GetArrayLength() - 1];
        Assert.Equal("ChangesRequested", last.GetProperty("type").GetString());
        Assert.Equal("Say why 5%.", last.GetProperty("data").GetProperty("comment").GetString());
    }

    [Fact]
    public async Task TheListFiltersByTheReviewStatuses()
    {
        var key = await CreateAsync(Samples.Key("team"));
        await (await Http.PostAsync($"/api/experiments/{key}/submit", null)).AssertStatus(HttpStatusCode.OK);

        var inReview = await (await Http.GetAsync("/api/experiments?status=in_review")).Json();
        var approved = await (await Http.GetAsync("/api/experiments?status=approved")).Json();

        Assert.Contains(key, inReview.EnumerateArray().Select(e => e.GetProperty("key").GetString()));
        Assert.DoesNotContain(key, approved.EnumerateArray().Select(e => e.GetProperty("key").GetString()));
    }

    [Theory]
    [InlineData("{}", "comment")]
    [InlineData("""{"comment":"  "}""", "comment")]
    [InlineData("""{"comment":7}""", "comment")]
    public async Task ARequestForChangesWithoutACommentIsABadRequestNamingIt(string body, string field)
    {
        var key = await CreateAsync(Samples.Key("team"));
        await (await Http.PostAsync($"/api/experiments/{key}/submit", null)).AssertStatus(HttpStatusCode.OK);

        using var reviewer = await Reviewers.CreateClientAsync(platform);
        var response = await reviewer.PostJson($"/api/experiments/{key}/request-changes", body);

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("{}", "required")]
    [InlineData("""{"required":true,"team":""}""", "team")]
    [InlineData("""{"required":"yes"}""", "required")]
    public async Task ABadReviewSettingIsABadRequestNamingTheField(string body, string field)
    {
        var response = await Http.PutAsync("/api/settings/review", Json(body));

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task ReviewCommandsOnAnUnknownExperimentAreNotFoundAndOutOfOrderOnesConflict()
    {
        var ghost = Samples.Key("ghost");
        await (await Http.PostAsync($"/api/experiments/{ghost}/submit", null)).AssertProblem(HttpStatusCode.NotFound);
        await (await Http.PostAsync($"/api/experiments/{ghost}/approve", null)).AssertProblem(HttpStatusCode.NotFound);
        await (await Http.PostJson($"/api/experiments/{ghost}/request-changes", """{"comment":"x"}""")).AssertProblem(HttpStatusCode.NotFound);

        var key = await CreateAsync(Samples.Key("team"));
        var approve = await (await Http.PostAsync($"/api/experiments/{key}/approve", null)).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal("The experiment is draft: only an experiment in review can be approved.", approve.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ThePowerInputsRoundTripThroughTheApi()
    {
        var key = Samples.Key("power");
        var body = Samples.AbJson(key).TrimEnd().TrimEnd('}') + """, "power": { "baseline": 0.12, "expectedDailyUsers": 1500 } }""";
        await (await Http.PostJson("/api/experiments", body)).AssertStatus(HttpStatusCode.Created);

        var power = (await (await Http.GetAsync($"/api/experiments/{key}")).Json()).GetProperty("power");

        Assert.Equal(0.12, power.GetProperty("baseline").GetDouble());
        Assert.Equal(JsonValueKind.Null, power.GetProperty("standardDeviation").ValueKind);
        Assert.Equal(1500, power.GetProperty("expectedDailyUsers").GetInt64());
        var bad = Samples.AbJson(Samples.Key("power")).TrimEnd().TrimEnd('}') + """, "power": { "expectedDailyUsers": 0 } }""";
        await (await Http.PostJson("/api/experiments", bad)).AssertProblem(HttpStatusCode.BadRequest, "power.expectedDailyUsers");
    }

    private async Task<string> CreateAsync(string team)
    {
        var metrics = Samples.Key("api");
        await Samples.RegisterMetricsAsync(platform.Grains, metrics);
        var key = Samples.Key("review");
        var created = await platform.Grains.GetGrain<GrainInterfaces.Experiments.IExperimentGrain>(key).Create(Samples.Reviewable(metrics, team));
        Assert.True(created.Accepted, created.Error?.Message);
        return key;
    }

    private async Task<string?> StatusAfter(string url, HttpClient? caller = null) =>
        (await (await (await (caller ?? Http).PostAsync(url, null)).AssertStatus(HttpStatusCode.OK)).Json()).GetProperty("status").GetString();


    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
