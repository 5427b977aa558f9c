using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Security;

/// <summary>
/// What the gateway does with credentials that are wrong in every way we could think of: schemes, spacing, case,
/// truncation, size, expiry, revocation and deleted users. Each must be 401 (or 431 past Kestrel's header limit),
/// and none may leak into a log.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class AuthFuzzTests(SecurityFixture fixture)
{
    /// <summary>The gateway's cache of verified keys (AuthOptions.CacheDuration), the bound on revocation delay.</summary>
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(5);

    public static TheoryData<string> MalformedCredentials()
    {
        var key = TestKeys.Admin;
        return new TheoryData<string>
        {
            "",
            "Bearer",
            "Bearer ",
            "Basic " + Convert.ToBase64String("admin:admin"u8.ToArray()),
            "Token " + key,
            "Bearer" + key,
            "Bearer  " + key,
            "Bearer\t" + key,
            "Bearer " + key[..^1],
            "Bearer " + key[..20],
            "Bearer " + key + "x",
            "Bearer " + key.ToUpperInvariant(),
            "Bearer " + key + " " + key,
            "Bearer \"" + key + "\"",
            "Bearer " + new string('a', 600),
            "Bearer " + new string('a', 8_000),
            key,
        };
    }

    [Theory]
    [MemberData(nameof(MalformedCredentials))]
    public async Task A_malformed_credential_is_refused_with_401(string authorization)
    {
        using var http = fixture.Platform.CreateClient(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/experiments");
        Assert.True(request.Headers.TryAddWithoutValidation("Authorization", authorization));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.DoesNotContain(TestKeys.Admin, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    public async Task The_scheme_name_is_case_insensitive_as_RFC_9110_says(string scheme)
    {
        using var http = fixture.Platform.CreateClient(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/experiments");
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {TestKeys.Admin}");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Two_authorization_headers_are_refused()
    {
        using var http = fixture.Platform.CreateClient(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/experiments");
        request.Headers.TryAddWithoutValidation("Authorization", new[] { $"Bearer {TestKeys.Admin}", $"Bearer {TestKeys.Admin}" });
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_header_beyond_the_servers_limit_is_refused_before_it_is_read()
    {
        using var http = fixture.Platform.CreateClient(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/experiments");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('a', 64 * 1024));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_key_in_the_query_string_is_not_a_credential()
    {
        using var http = fixture.Platform.CreateClient(null);
        using var response = await http.GetAsync($"/api/experiments?access_token={TestKeys.Admin}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_key_stops_working_within_the_cache_time_after_its_expiry()
    {
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var key = await fixture.IssueAsync(Samples.Key("expiring"), fixture.Alpha, "viewer", expiresAt);
        using var http = fixture.Platform.CreateClient(key);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/experiments")).StatusCode);
        await Eventually.Until("the expired key to get 401", () => Status(http), s => s == HttpStatusCode.Unauthorized,
            timeout: TimeSpan.FromSeconds(3) + CacheDuration + TimeSpan.FromSeconds(3));
        Assert.True(DateTimeOffset.UtcNow - expiresAt <= CacheDuration + TimeSpan.FromSeconds(2), "the key worked too long past its expiry");
    }

    [Fact]
    public async Task A_revoked_key_stops_working_within_the_cache_time()
    {
        var key = await fixture.IssueAsync(Samples.Key("revoked"), fixture.Alpha, "viewer");
        using var http = fixture.Platform.CreateClient(key);
        Assert.Equal(HttpStatusCode.OK, await Status(http));
        var id = IdOf(key);
        using (var revoke = await fixture.Admin.DeleteAsync($"/api/keys/{id}")) Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        var clock = Stopwatch.StartNew();
        await Eventually.Until("the revoked key to get 401", () => Status(http), s => s == HttpStatusCode.Unauthorized,
            timeout: CacheDuration + TimeSpan.FromSeconds(3));
        Assert.True(clock.Elapsed <= CacheDuration + TimeSpan.FromSeconds(1), $"revocation took {clock.Elapsed}");
        var listed = await fixture.Admin.GetFromJsonAsync<JsonElement>("/api/keys");
        Assert.Contains(listed.EnumerateArray(), k => k.GetProperty("id").GetString() == id && k.GetProperty("revoked").GetBoolean());
    }

    [Fact]
    public async Task The_keys_of_a_deleted_user_stop_working()
    {
        var user = Samples.Key("leaver");
        var first = await fixture.IssueAsync(user, fixture.Alpha, "experimenter");
        var second = await fixture.IssueForAsync(user, "viewer");
        using var one = fixture.Platform.CreateClient(first);
        using var two = fixture.Platform.CreateClient(second);
        Assert.Equal(HttpStatusCode.OK, await Status(one));
        Assert.Equal(HttpStatusCode.OK, await Status(two));
        using (var delete = await fixture.Admin.DeleteAsync($"/api/users/{user}")) Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        await Eventually.Until("the deleted user's keys to get 401", async () => (await Status(one), await Status(two)),
            s => s == (HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), timeout: CacheDuration + TimeSpan.FromSeconds(3));
        using var again = await fixture.Admin.PostAsJsonAsync("/api/keys", new { user, role = "viewer" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Listing_keys_never_shows_a_secret_or_its_hash()
    {
        var key = await fixture.IssueAsync(Samples.Key("listed"), fixture.Alpha, "sdk");
        var body = await fixture.Admin.GetStringAsync("/api/keys");
        Assert.DoesNotContain(key, body);
        Assert.DoesNotContain(key[4..20], body);
        Assert.DoesNotContain("hash", body, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<HttpStatusCode> Status(HttpClient http)
    {
        using var response = await http.GetAsync("/api/experiments");
        return response.StatusCode;
    }

    // The key id is public and derived: the first 16 hex digits of the key's SHA-256 (docs/security.md).
    private static string IdOf(string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..16];
}
