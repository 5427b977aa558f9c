using System.Net;
using System.Net.Http.Headers;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Observability;

/// <summary>
/// The Orleans Dashboard on the real host (issue 15's observability point): served at its configured path, to the
/// installation admin's key only, and kept out of the API's OpenAPI document.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class OrleansDashboardTests(HostFixture host)
{
    private const string Path = "/orleans-dashboard";

    [Fact]
    public async Task TheDashboardAnswersTheInstallationAdminAndNobodyWithoutAKey()
    {
        using var anonymous = new HttpClient { BaseAddress = host.Silo.BaseAddress };

        var refused = await anonymous.GetAsync(Path + "/");
        var served = await host.Http.GetAsync(Path + "/");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("text/html", served.Content.Headers.ContentType?.MediaType);
        var document = await host.Http.GetStringAsync("/openapi/v1.json");
        Assert.DoesNotContain(Path, document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AViewersKeyIsForbidden()
    {
        var user = Samples.Key("viewer");
        await (await host.Http.PostJson("/api/users", $$"""{"id":"{{user}}","name":"Viewer"}""")).AssertStatus(HttpStatusCode.Created);
        var issued = await (await (await host.Http.PostJson("/api/keys", $$"""{"user":"{{user}}","role":"viewer"}"""))
            .AssertStatus(HttpStatusCode.Created)).Json();
        using var viewer = new HttpClient { BaseAddress = host.Silo.BaseAddress };
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.GetProperty("secret").GetString());

        var response = await viewer.GetAsync(Path + "/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
