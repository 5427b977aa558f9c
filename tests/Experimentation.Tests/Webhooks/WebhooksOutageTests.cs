using System.Net;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.Webhooks;

/// <summary>
/// While PostgreSQL refuses the platform's connections, every webhook endpoint answers 503 with Retry-After and
/// changes nothing; afterwards the webhook created before the outage is still there, and none was added during it.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class WebhooksOutageTests(PlatformFixture platform)
{
    private const string Body = """{"url":"http://127.0.0.1:9/hook","secret":"0123456789abcdef0123","events":["experiment.started"]}""";

    [Fact]
    public async Task EveryWebhookEndpointAnswers503WithRetryAfterWhileTheDatabaseIsDown()
    {
        using var created = await platform.Http.PostJson("/api/webhooks", Body);
        await HttpAssertions.AssertStatus(created, HttpStatusCode.Created);
        var id = (await created.Json()).GetProperty("id").GetString();
        var before = (await (await platform.Http.GetAsync("/api/webhooks")).Json()).GetArrayLength();

        await platform.Database.SetConnectionsAllowedAsync(false);
        try
        {
            var requests = new Func<Task<HttpResponseMessage>>[]
            {
                () => platform.Http.PostJson("/api/webhooks", Body),
                () => platform.Http.GetAsync("/api/webhooks"),
                () => platform.Http.GetAsync($"/api/webhooks/{id}"),
                () => platform.Http.GetAsync($"/api/webhooks/{id}/deliveries"),
                () => platform.Http.DeleteAsync($"/api/webhooks/{id}"),
            };
            foreach (var send in requests)
            {
                using var response = await send();
                await HttpAssertions.AssertStatus(response, HttpStatusCode.ServiceUnavailable);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
            }
        }
        finally
        {
            await platform.Database.SetConnectionsAllowedAsync(true);
        }

        var after = await Eventually.Until("the webhooks to be readable again",
            async () => await platform.Http.GetAsync("/api/webhooks"), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        Assert.Equal(before, (await after.Json()).GetArrayLength());
        using var still = await platform.Http.GetAsync($"/api/webhooks/{id}");
        await HttpAssertions.AssertStatus(still, HttpStatusCode.OK);
    }
}
