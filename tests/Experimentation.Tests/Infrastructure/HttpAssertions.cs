using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Experimentation.Tests.Infrastructure;

/// <summary>Small helpers for HTTP tests: JSON posting and ProblemDetails checks.</summary>
public static class HttpAssertions
{
    public static Task<HttpResponseMessage> PostJson(this HttpClient http, string url, string json) =>
        http.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<JsonElement> Json(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();

    /// <summary>Asserts the status code, with the body in the failure message; returns the response for reading.</summary>
    public static async Task<HttpResponseMessage> AssertStatus(this HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
            Assert.Fail($"expected {(int)status}, got {(int)response.StatusCode} from {response.RequestMessage?.Method} " +
                $"{response.RequestMessage?.RequestUri?.PathAndQuery}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    /// <summary>Asserts an RFC 7807 answer with the status and, when given, an error entry for the field.</summary>
    public static async Task<JsonElement> AssertProblem(this HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        if (field is not null)
        {
            var errors = problem.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var reasons), $"no error for '{field}' in {body}");
            Assert.False(string.IsNullOrWhiteSpace(reasons[0].GetString()));
        }
        return problem;
    }
}
