using System.Net;

namespace Experimentation.Tests.Infrastructure;

/// <summary>
/// A reviewer's client, made by the fixture's installation admin: someone other than the author, who may approve or
/// request changes (an author may not review their own experiment). The caller disposes it.
/// </summary>
public static class Reviewers
{
    public static async Task<HttpClient> CreateClientAsync(PlatformFixture platform)
    {
        var user = Samples.Key("reviewer");
        await (await platform.Http.PostJson("/api/users", $$"""{"id":"{{user}}","name":"Reviewer"}""")).AssertStatus(HttpStatusCode.Created);
        var issued = await (await (await platform.Http.PostJson("/api/keys", $$"""{"user":"{{user}}","role":"reviewer"}"""))
            .AssertStatus(HttpStatusCode.Created)).Json();
        return platform.CreateClient(issued.GetProperty("secret").GetString());
    }
}
