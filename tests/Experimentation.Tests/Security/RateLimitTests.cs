using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Security;

/// <summary>A platform with tiny write and event limits (Experimentation:RateLimits), away from every other test.</summary>
public sealed class RateLimitFixture() : IAsyncLifetime
{
    public PlatformFixture Platform { get; } = new(new Dictionary<string, string?>
    {
        ["Experimentation:RateLimits:Writes:PerSecond"] = "1",
        ["Experimentation:RateLimits:Writes:Burst"] = "3",
        ["Experimentation:RateLimits:Events:PerSecond"] = "1",
        ["Experimentation:RateLimits:Events:Burst"] = "2",
    }, null);

    public Task InitializeAsync() => Platform.InitializeAsync();

    public Task DisposeAsync() => Platform.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class RateLimitCollection : ICollectionFixture<RateLimitFixture>
{
    public const string Name = "rate limits";
}

[Collection(RateLimitCollection.Name)]
public sealed class RateLimitTests(RateLimitFixture fixture)
{
    [Fact]
    public async Task Writes_beyond_the_burst_get_429_with_Retry_After_and_other_keys_are_not_affected()
    {
        var http = fixture.Platform.Http;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await http.PostAsJsonAsync("/api/teams", new { key = Samples.Key("limited"), name = "Limited" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode != HttpStatusCode.TooManyRequests) continue;
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After must say when to come back");
            Assert.Contains("too many requests", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString()!,
                StringComparison.OrdinalIgnoreCase);
        }
        // A burst of 3, refilled at 1 a second: the 4th and 5th of 5 quick requests are refused (a refill may let one through).
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created], statuses.Take(3));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(3));

        // Reads are not limited, and another key has a bucket of its own.
        using (var read = await http.GetAsync("/api/teams")) Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var user = Samples.Key("other");
        var key = await IssueAsync(http, user);
        using var other = fixture.Platform.CreateClient(key);
        using var events = await other.PostAsync("/api/events", new StringContent("[]", System.Text.Encoding.UTF8, "application/json"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, events.StatusCode);
    }

    [Fact]
    public async Task Events_have_their_own_bucket()
    {
        using var http = fixture.Platform.CreateClient(TestKeys.Admin);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.PostAsync("/api/events", new StringContent("[]", System.Text.Encoding.UTF8, "application/json"));
            statuses.Add(response.StatusCode);
        }
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(2));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(2));
    }

    // The writes bucket of the admin key may be empty here, so the admin waits its turn as a client should.
    private static async Task<string> IssueAsync(HttpClient admin, string user)
    {
        await Eventually.Until("the user to be created", async () =>
        {
            using var r = await admin.PostAsJsonAsync("/api/users", new { id = user, name = "Other" });
            return r.StatusCode;
        }, s => s is HttpStatusCode.Created or HttpStatusCode.Conflict, interval: TimeSpan.FromMilliseconds(500));
        return await Eventually.Until<string?>("the key to be issued", async () =>
        {
            using var r = await admin.PostAsJsonAsync("/api/keys", new { user, role = "sdk" });
            return r.StatusCode == HttpStatusCode.Created ? (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString() : null;
        }, s => s is not null, interval: TimeSpan.FromMilliseconds(500)) ?? "";
    }
}
