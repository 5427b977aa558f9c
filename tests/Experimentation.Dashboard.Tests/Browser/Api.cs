using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Experimentation.Dashboard.Tests.Browser;

/// <summary>The API calls the browser tests make beside the page: ingestion over HTTP and the results to compare with.</summary>
internal static class Api
{
    public static async Task IngestAsync(HttpClient http, IEnumerable<object> events)
    {
        foreach (var batch in events.Chunk(5000))
        {
            using var response = await http.PostAsJsonAsync("/api/events", batch);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        }
    }

    public static async Task<JsonElement> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Posts <paramref name="body"/> and returns the answer's JSON, failing on any refusal.</summary>
    public static async Task<JsonElement> PostForAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A key with <paramref name="role"/> for a new user of <paramref name="team"/>, issued with the admin key; returns its secret.</summary>
    public static async Task<string> KeyForAsync(HttpClient admin, string team, string user, string role)
    {
        await PostAsync(admin, "/api/users", new { id = user, name = user, team });
        return (await PostForAsync(admin, "/api/keys", new { user, role })).GetProperty("secret").GetString()!;
    }

    public static async Task PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task PutAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PutAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static object Exposure(string experiment, string user, string variant, DateTimeOffset at) =>
        new { eventId = Guid.NewGuid(), type = "exposure", userId = user, timestamp = at, experiment, variant };

    public static object Metric(string user, string eventType, double value, DateTimeOffset at) =>
        new { eventId = Guid.NewGuid(), type = "metric", userId = user, timestamp = at, eventType, value };
}
