using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Experimentation.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace Experimentation.Tests.Security;

/// <summary>
/// The 403 matrix: every endpoint × every role × own team and other team, against the expectations of
/// access-matrix.csv, and the check that every endpoint the gateway maps has a row there.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class AccessMatrixTests(SecurityFixture fixture)
{
    [Fact]
    public async Task Every_endpoint_answers_every_role_as_the_matrix_says()
    {
        var scopes = new Dictionary<string, Scope>
        {
            ["own"] = await PrepareAsync(fixture.Alpha), ["other"] = await PrepareAsync(fixture.Beta), ["none"] = await PrepareAsync(fixture.Alpha),
        };
        var failures = new List<string>();
        using var anonymous = fixture.Platform.CreateClient(null);
        foreach (var row in AccessRow.Load())
        {
            var scope = scopes[row.Scope];
            using (var response = await SendAsync(anonymous, row, scope))
            {
                var expected = row.Expected.Values.All(v => v == "public") ? "public" : "401";
                if (!Matches(expected, response)) failures.Add($"{row.Method} {row.Path} ({row.Scope}) without a key: {(int)response.StatusCode}, expected {expected}");
                else if (expected == "401" && !await IsProblemAsync(response, requireBearerChallenge: true))
                    failures.Add($"{row.Method} {row.Path} without a key: the 401 is no problem+json with WWW-Authenticate: Bearer");
            }
            foreach (var key in AccessRow.Keys)
            {
                using var http = fixture.Platform.CreateClient(key == "installation_admin" ? TestKeys.Admin : fixture.AlphaKeys[key]);
                using var response = await SendAsync(http, row, scope);
                var expected = row.Expected[key];
                if (!Matches(expected, response))
                    failures.Add($"{row.Method} {row.Path} ({row.Scope}) as {key}: {(int)response.StatusCode} {await BodyAsync(response)}, expected {expected}");
                else if (expected == "deny" && !await NamesWhatIsRequiredAsync(response))
                    failures.Add($"{row.Method} {row.Path} ({row.Scope}) as {key}: the 403 does not name the role or team required: {await BodyAsync(response)}");
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void Every_mapped_endpoint_has_a_row_in_the_matrix()
    {
        var rows = AccessRow.Load().Select(r => $"{r.Method} {AccessRow.Normalize(r.Path)}").ToHashSet();
        var mapped = ((IEndpointRouteBuilder)fixture.Platform.Gateway).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m} {AccessRow.Normalize("/" + e.RoutePattern.RawText!.TrimStart('/'))}"))
            .Distinct().ToArray();
        var missing = mapped.Where(m => !rows.Contains(m)).ToArray();
        Assert.True(missing.Length == 0, "Endpoints without a row in access-matrix.csv: " + string.Join(", ", missing));
        var stale = rows.Where(r => !mapped.Contains(r)).ToArray();
        Assert.True(stale.Length == 0, "Rows of access-matrix.csv for no mapped endpoint: " + string.Join(", ", stale));
    }

    private static bool Matches(string expected, HttpResponseMessage response) => expected switch
    {
        "allow" => response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
        "deny" => response.StatusCode == HttpStatusCode.Forbidden,
        "public" => response.IsSuccessStatusCode,
        "401" => response.StatusCode == HttpStatusCode.Unauthorized,
        _ => throw new FormatException($"access-matrix.csv: unknown expectation '{expected}'"),
    };

    private static async Task<bool> IsProblemAsync(HttpResponseMessage response, bool requireBearerChallenge) =>
        (!requireBearerChallenge || response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer")) && await DetailAsync(response) is { Length: > 0 };

    private static async Task<bool> NamesWhatIsRequiredAsync(HttpResponseMessage response) =>
        await DetailAsync(response) is { } detail
        && (detail.Contains("role ", StringComparison.Ordinal) || detail.Contains("installation admin", StringComparison.Ordinal));

    private static async Task<string?> DetailAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return null;
        var problem = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        return problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
    }

    private static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return body.Length > 300 ? body[..300] : body;
    }

    // The SSE stream never ends, so every answer is read as far as its headers and then let go.
    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, AccessRow row, Scope scope)
    {
        var fresh = "n" + Guid.NewGuid().ToString("N")[..12];
        var request = new HttpRequestMessage(new HttpMethod(row.Method), scope.Fill(row.Path, fresh));
        if (Body(row.Body) is { } template)
            request.Content = new StringContent(scope.Fill(template, fresh), Encoding.UTF8, "application/json");
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (row.Path.EndsWith("/stream", StringComparison.Ordinal) && response.IsSuccessStatusCode) response.Content = new StringContent("");
        return response;
    }

    private static string? Body(string name) => name switch
    {
        "none" => null,
        "experiment" => Experiment("{new}"),
        "draft" => Experiment("{exp}"),
        "traffic" => """{"percent":50}""",
        "pause" => """{"reason":"matrix"}""",
        "conclude" => """{"decision":"inconclusive"}""",
        "changes" => """{"comment":"matrix"}""",
        "review" => """{"required":false}""",
        "metric" => """{"key":"{new}","name":"Signups","type":"conversion","eventType":"signup","aggregation":"sum","ownerTeam":"{team}"}""",
        "namespace" => """{"key":"{new}","totalSlots":100}""",
        "holdout" => """{"percent":0}""",
        "events" => "[]",
        "analysis" => "{}",
        "webhook" => """{"url":"http://127.0.0.1:9/hook","secret":"0123456789abcdef0123456789abcdef","events":["experiment.started"]}""",
        "team" => """{"key":"{new}","name":"Matrix"}""",
        "user" => """{"id":"{new}","name":"Matrix","team":"{team}"}""",
        "key" => """{"user":"{holder}","role":"viewer"}""",
        _ => throw new FormatException($"access-matrix.csv: unknown body '{name}'"),
    };

    private static string Experiment(string key) => Samples.AbJson(key).Replace("\"checkout\"", "\"{team}\"");

    // Per team: a user to issue keys for, a user to delete and a key to revoke, made fresh by the installation admin.
    private async Task<Scope> PrepareAsync(string team)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var holder = $"holder-{run}";
        await fixture.IssueAsync(holder, team, "viewer");
        await fixture.Send(HttpMethod.Post, "/api/users", new { id = $"victim-{run}", name = "Victim", team });
        using var issued = await fixture.Send(HttpMethod.Post, "/api/keys", new { user = holder, role = "viewer" });
        var key = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetProperty("id").GetString()!;
        return new Scope(team, fixture.ExperimentOf(team), fixture.MetricOf(team), holder, $"victim-{run}", key);
    }

    private sealed record Scope(string Team, string Experiment, string Metric, string Holder, string Victim, string Key)
    {
        public string Fill(string template, string fresh) => template
            .Replace("{exp}", Experiment).Replace("{metric}", Metric).Replace("{team}", Team).Replace("{holder}", Holder)
            .Replace("{victim}", Victim).Replace("{key}", Key).Replace("{new}", fresh).Replace("{doc}", "v1").Replace("{guid}", Guid.NewGuid().ToString());
    }
}
