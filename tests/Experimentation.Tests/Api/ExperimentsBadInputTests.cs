using System.Net;
using System.Text;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Api;

/// <summary>Every experiment endpoint answers bad input with a ProblemDetails naming the field, and changes nothing.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ExperimentsBadInputTests(PlatformFixture platform)
{
    private HttpClient Http => platform.Http;

    public static TheoryData<string, string, HttpStatusCode, string?> BadCreateBodies() => new()
    {
        { "malformed JSON, named where parsing stopped", """{"key": "k", "name": """, HttpStatusCode.BadRequest, "name" },
        { "not an object", """[1, 2]""", HttpStatusCode.BadRequest, "body" },
        { "empty body", "", HttpStatusCode.BadRequest, "body" },
        { "missing key", Body(b => b.Replace("\"key\": \"KEY\",", "")), HttpStatusCode.BadRequest, "key" },
        { "missing name", Body(b => b.Replace("\"name\": \"Green checkout button\",", "")), HttpStatusCode.BadRequest, "name" },
        { "missing variants", Body(b => b[..b.IndexOf("\"variants\"")] + "\"mde\": 0.02 }"), HttpStatusCode.BadRequest, "variants" },
        { "missing weight", Body(b => b.Replace("\"key\": \"green\", \"weight\": 1,", "\"key\": \"green\",")), HttpStatusCode.BadRequest, "variants[1].weight" },
        { "unknown type", Body(b => b.Replace("\"type\": \"ab\"", "\"type\": \"split\"")), HttpStatusCode.BadRequest, "type" },
        { "type as a number", Body(b => b.Replace("\"type\": \"ab\"", "\"type\": 0")), HttpStatusCode.BadRequest, "type" },
        { "traffic as text", Body(b => b.Replace("\"trafficPercent\": 50", "\"trafficPercent\": \"lots\"")), HttpStatusCode.BadRequest, "trafficPercent" },
        { "weight as a fraction", Body(b => b.Replace("\"key\": \"green\", \"weight\": 1", "\"key\": \"green\", \"weight\": 1.5")), HttpStatusCode.BadRequest, "variants[1].weight" },
        { "variants as an object", Body(b => b[..b.IndexOf("\"variants\"")] + "\"variants\": {\"a\": 1} }"), HttpStatusCode.BadRequest, "variants" },
        { "a bad key", Body(b => b.Replace("\"key\": \"KEY\"", "\"key\": \"Has Spaces\"")), HttpStatusCode.BadRequest, "key" },
        { "traffic above 100", Body(b => b.Replace("\"trafficPercent\": 50", "\"trafficPercent\": 150")), HttpStatusCode.BadRequest, "trafficPercent" },
        { "an ab test with one variant", Body(b => b.Replace(",\n    { \"key\": \"green\", \"weight\": 1, \"config\": { \"color\": \"green\" } }", "")), HttpStatusCode.BadRequest, "variants" },
    };

    [Theory]
    [MemberData(nameof(BadCreateBodies))]
    public async Task ABadCreateBodyIsRefusedWithTheFieldAndCreatesNothing(string why, string body, HttpStatusCode status, string? field)
    {
        var key = Samples.Key("bad");
        var response = await Http.PostJson("/api/experiments", body.Replace("KEY", key));

        await response.AssertProblem(status, field);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/api/experiments/{key}")).StatusCode);
        Assert.False(string.IsNullOrEmpty(why));
    }

    [Fact]
    public async Task ABodyOverOneMegabyteIsRefusedWith413()
    {
        var key = Samples.Key("huge");
        var huge = Samples.AbJson(key).Replace("\"mde\": 0.02", $"\"mde\": 0.02, \"padding\": \"{new string('x', 1_100_000)}\"");

        // Expect: 100-continue holds the body back until the server asks for it. Kestrel refuses by Content-Length
        // without asking, so the 413 cannot race the upload and end in a broken pipe on a loaded machine.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/experiments")
        {
            Content = new StringContent(huge, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        var response = await Http.SendAsync(request);

        await response.AssertProblem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/api/experiments/{key}")).StatusCode);
    }

    public static TheoryData<string, string, string?, HttpStatusCode, string?> BadCommands() => new()
    {
        { "start twice", "start", null, HttpStatusCode.Conflict, null },
        { "resume a running experiment", "resume", null, HttpStatusCode.Conflict, null },
        { "archive a running experiment", "archive", null, HttpStatusCode.Conflict, null },
        { "pause without a reason", "pause", "{}", HttpStatusCode.BadRequest, "reason" },
        { "pause with a blank reason", "pause", """{"reason":"  "}""", HttpStatusCode.BadRequest, "reason" },
        { "pause with malformed JSON", "pause", """{"reason":""", HttpStatusCode.BadRequest, "reason" },
        { "pause with a numeric reason", "pause", """{"reason":42}""", HttpStatusCode.BadRequest, "reason" },
        { "conclude without a decision", "conclude", "{}", HttpStatusCode.BadRequest, "decision" },
        { "conclude with an unknown decision", "conclude", """{"decision":"maybe"}""", HttpStatusCode.BadRequest, "decision" },
        { "ship without a winner", "conclude", """{"decision":"ship"}""", HttpStatusCode.BadRequest, "winningVariant" },
        { "ship a variant that does not exist", "conclude", """{"decision":"ship","winningVariant":"purple"}""", HttpStatusCode.BadRequest, "winningVariant" },
    };

    [Theory]
    [MemberData(nameof(BadCommands))]
    public async Task ABadCommandToARunningExperimentIsRefusedAndAppendsNothing(string why, string command, string? body, HttpStatusCode status, string? field)
    {
        var key = await RunningExperiment();
        var before = await (await Http.GetAsync($"/api/experiments/{key}/history")).Content.ReadAsStringAsync();

        var response = body is null
            ? await Http.PostAsync($"/api/experiments/{key}/{command}", null)
            : await Http.PostJson($"/api/experiments/{key}/{command}", body);

        await response.AssertProblem(status, field);
        Assert.Equal(before, await (await Http.GetAsync($"/api/experiments/{key}/history")).Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(why));
    }

    [Fact]
    public async Task UpdatingARunningExperimentIsAConflictAndMalformedUpdatesAreBadRequests()
    {
        var key = await RunningExperiment();
        var before = await (await Http.GetAsync($"/api/experiments/{key}/history")).Content.ReadAsStringAsync();

        var running = await Http.PutAsync($"/api/experiments/{key}", Json(Samples.AbJson(key)));
        var malformed = await Http.PutAsync($"/api/experiments/{key}", Json("{\"name\":"));
        var otherKey = await Http.PutAsync($"/api/experiments/{key}", Json(Samples.AbJson("someone-else")));

        await running.AssertProblem(HttpStatusCode.Conflict);
        await malformed.AssertProblem(HttpStatusCode.BadRequest, "name");
        await otherKey.AssertProblem(HttpStatusCode.BadRequest, "key");
        Assert.Equal(before, await (await Http.GetAsync($"/api/experiments/{key}/history")).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "/history")]
    [InlineData("POST", "/start")]
    [InlineData("POST", "/resume")]
    [InlineData("POST", "/archive")]
    public async Task AnUnknownExperimentIsNotFound(string method, string suffix)
    {
        var url = $"/api/experiments/{Samples.Key("nobody")}{suffix}";

        var response = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnOversizedKeyInThePathIsNotFoundRatherThanAnError()
    {
        var response = await Http.GetAsync($"/api/experiments/{new string('a', 500)}");

        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnUnknownStatusFilterIsABadRequest()
    {
        var response = await Http.GetAsync("/api/experiments?status=sleeping");

        await response.AssertProblem(HttpStatusCode.BadRequest, "status");
    }

    private async Task<string> RunningExperiment()
    {
        var key = Samples.Key("cmd");
        Assert.Equal(HttpStatusCode.Created, (await Http.PostJson("/api/experiments", Samples.AbJson(key))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.PostAsync($"/api/experiments/{key}/start", null)).StatusCode);
        return key;
    }

    private static string Body(Func<string, string> edit) => edit(Samples.AbJson("KEY"));

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
