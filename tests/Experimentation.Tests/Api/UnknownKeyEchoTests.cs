using System.Net;
using System.Text;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Api;

/// <summary>Every 404 that names an unknown key shows at most its first 64 characters, marked as cut.</summary>
[Collection(PlatformCollection.Name)]
public sealed class UnknownKeyEchoTests(PlatformFixture platform)
{
    private HttpClient Http => platform.Http;

    // The reads; KEY is replaced by the key under test.
    public static TheoryData<string, string, string> ReadNotFounds() => new()
    {
        { "GET", "/api/experiments/KEY", "experiment" },
        { "GET", "/api/experiments/KEY/history", "experiment" },
        { "GET", "/api/experiments/KEY/results", "experiment" },
        { "GET", "/api/experiments/KEY/results/sequential", "experiment" },
        { "GET", "/api/metrics/KEY", "metric" },
        { "GET", "/api/namespaces/KEY", "namespace" },
        { "GET", "/api/assign?experiment=KEY&user=someone", "running or paused experiment" },
        { "GET", "/api/assign?namespace=KEY&user=someone", "namespace" },
    };

    // Beyond those, the commands: the gateway refuses a key that breaks the key pattern before asking a grain, and
    // the grain words the 404 for a valid key nobody has; both clip it the same way (CommandError.UnknownKey).
    public static TheoryData<string, string, string> EveryNotFoundThatEchoesAKey()
    {
        var data = ReadNotFounds();
        foreach (var command in new[] { "start", "pause", "resume", "conclude", "archive", "traffic" })
            data.Add("POST", $"/api/experiments/KEY/{command}", "experiment");
        data.Add("PUT", "/api/experiments/KEY", "experiment");
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryNotFoundThatEchoesAKey))]
    public async Task AKeyTooLongForThePatternIsClippedInTheNotFound(string method, string url, string what)
    {
        await AssertClipped(method, url, what, LongKey(200));
    }

    [Theory]
    [MemberData(nameof(EveryNotFoundThatEchoesAKey))]
    public async Task AValidKeyLongerThanTheEchoIsClippedInTheNotFound(string method, string url, string what)
    {
        await AssertClipped(method, url, what, LongKey(100));
    }

    private async Task AssertClipped(string method, string url, string what, string key)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url.Replace("KEY", key));
        if (method != "GET") request.Content = new StringContent(BodyFor(method, url, key), Encoding.UTF8, "application/json");

        var problem = await (await Http.SendAsync(request)).AssertProblem(HttpStatusCode.NotFound);

        Assert.Equal($"No {what} has key '{key[..64]}…'.", problem.GetProperty("detail").GetString());
    }

    // Complete enough that no field check answers before the key is looked up.
    private static string BodyFor(string method, string url, string key) => method == "PUT" ? Samples.AbJson(key) : url[(url.LastIndexOf('/') + 1)..] switch
    {
        "pause" => """{"reason":"checking"}""",
        "conclude" => """{"decision":"keep_control"}""",
        "traffic" => """{"percent":50}""",
        _ => "{}",
    };

    // Unique per call and URL-safe; 100 characters stays within the key pattern's 128, 200 does not.
    private static string LongKey(int length) => Samples.Key("long").PadRight(length, 'x');
}
