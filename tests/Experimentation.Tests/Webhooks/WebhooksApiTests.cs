using System.Net;
using System.Text.Json;
using Experimentation.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Experimentation.Grains.Webhooks;
using static Experimentation.Tests.Webhooks.WebhookSteps;

namespace Experimentation.Tests.Webhooks;

/// <summary>The webhook registry over HTTP: create, read, list, delete, every kind of bad input, and no secret shown.</summary>
[Collection(WebhookCollection.Name)]
public sealed class WebhooksApiTests(WebhookFixture fixture)
{
    private HttpClient Http => fixture.Platform.Http;

    [Fact]
    public async Task AWebhookIsCreatedReadListedAndDeletedWithoutItsSecretEverShown()
    {
        var secret = NewSecret();
        var body = JsonSerializer.Serialize(new { url = fixture.Receiver.Url("crud"), secret, events = new[] { "experiment.started", "guardrail.breached" } });

        var created = await Http.PostJson("/api/webhooks", body);
        var createdText = await created.Content.ReadAsStringAsync();
        var id = JsonDocument.Parse(createdText).RootElement.GetProperty("id").GetGuid();
        var readText = await (await Http.GetAsync($"/api/webhooks/{id}")).Content.ReadAsStringAsync();
        var listText = await (await Http.GetAsync("/api/webhooks")).Content.ReadAsStringAsync();
        var deleted = await Http.DeleteAsync($"/api/webhooks/{id}");
        var afterDelete = await Http.GetAsync($"/api/webhooks/{id}");
        var listAfter = await (await Http.GetAsync("/api/webhooks")).Json();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/webhooks/{id}", created.Headers.Location?.OriginalString);
        var read = JsonDocument.Parse(readText).RootElement;
        Assert.Equal(fixture.Receiver.Url("crud"), read.GetProperty("url").GetString());
        Assert.Equal(["experiment.started", "guardrail.breached"], read.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("active", read.GetProperty("status").GetString());
        Assert.Contains(JsonDocument.Parse(listText).RootElement.EnumerateArray(), w => w.GetProperty("id").GetGuid() == id);
        foreach (var text in new[] { createdText, readText, listText })
        {
            Assert.DoesNotContain(secret, text);
            Assert.DoesNotContain("secret", text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await afterDelete.AssertProblem(HttpStatusCode.NotFound);
        await (await Http.GetAsync($"/api/webhooks/{id}/deliveries")).AssertProblem(HttpStatusCode.NotFound);
        await (await Http.DeleteAsync($"/api/webhooks/{id}")).AssertProblem(HttpStatusCode.NotFound);
        Assert.DoesNotContain(listAfter.EnumerateArray(), w => w.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task TheSecretIsStoredEncryptedAndForgottenOnDelete()
    {
        var secret = NewSecret();
        var id = await Subscribe(Http, fixture.Receiver.Url("at-rest"), secret, "experiment.started");
        var store = fixture.Platform.Cluster.Silos[0].ServiceProvider.GetRequiredService<IDocumentStore>();

        var stored = await RawJson(store, id);
        await (await Http.DeleteAsync($"/api/webhooks/{id}")).AssertStatus(HttpStatusCode.NoContent);
        await using var session = store.QuerySession();
        var afterDelete = await session.LoadAsync<WebhookDocument>(id);

        Assert.DoesNotContain(secret, stored);
        Assert.StartsWith("v1:", JsonDocument.Parse(stored).RootElement.GetProperty("protectedSecret").GetString());
        Assert.Equal("", afterDelete!.ProtectedSecret);
    }

    public static TheoryData<string, string, string?> BadWebhooks() => new()
    {
        { """{"secret":"0123456789abcdef","events":["experiment.started"]}""", "url", "required" },
        { """{"url":"not a url","secret":"0123456789abcdef","events":["experiment.started"]}""", "url", "http" },
        { """{"url":"/hooks/relative","secret":"0123456789abcdef","events":["experiment.started"]}""", "url", "http" },
        { """{"url":"ftp://127.0.0.1/x","secret":"0123456789abcdef","events":["experiment.started"]}""", "url", "http" },
        { """{"url":"http://user:pw@127.0.0.1/x","secret":"0123456789abcdef","events":["experiment.started"]}""", "url", "credentials" },
        { """{"url":"http://169.254.169.254/latest/meta-data/","secret":"0123456789abcdef","events":["experiment.started"]}""", "url", "metadata" },
        { """{"url":"http://169.254.10.20/hook","secret":"0123456789abcdef","events":["experiment.started"]}""", "url", "link-local" },
        { """{"url":"http://[fe80::1]/hook","secret":"0123456789abcdef","events":["experiment.started"]}""", "url", "link-local" },
        { """{"url":"http://[fe80::1%25eth0]/hook","secret":"0123456789abcdef","events":["experiment.started"]}""", "url", "link-local" },
        { """{"url":"http://[fd00:ec2::254]/","secret":"0123456789abcdef","events":["experiment.started"]}""", "url", "metadata" },
        { """{"url":"http://100.100.100.200/","secret":"0123456789abcdef","events":["experiment.started"]}""", "url", "metadata" },
        { """{"url":"http://metadata.google.internal/computeMetadata/v1/","secret":"0123456789abcdef","events":["experiment.started"]}""", "url", "metadata" },
        { """{"url":"http://METADATA.Google.Internal./","secret":"0123456789abcdef","events":["experiment.started"]}""", "url", "metadata" },
        { """{"url":"http://[::ffff:169.254.169.254]/","secret":"0123456789abcdef","events":["experiment.started"]}""", "url", "metadata" },
        { """{"url":"http://[64:ff9b::169.254.169.254]/","secret":"0123456789abcdef","events":["experiment.started"]}""", "url", "metadata" },
        { """{"url":"http://0xa9fea9fe/","secret":"0123456789abcdef","events":["experiment.started"]}""", "url", "metadata" },
        { """{"url":"http://2852039166/","secret":"0123456789abcdef","events":["experiment.started"]}""", "url", "metadata" },
        { """{"url":"http://metadata-alias.test/","secret":"0123456789abcdef","events":["experiment.started"]}""", "url", "resolves to 169.254.169.254" },
        { """{"url":"http://local-link.test/","secret":"0123456789abcdef","events":["experiment.started"]}""", "url", "link-local" },
        { """{"url":"http://nowhere.invalid/","secret":"0123456789abcdef","events":["experiment.started"]}""", "url", "does not resolve" },
        { """{"url":"http://127.0.0.1/x","events":["experiment.started"]}""", "secret", "required" },
        { """{"url":"http://127.0.0.1/x","secret":"0123456789abcde","events":["experiment.started"]}""", "secret", "16 to 256" },
        { $$"""{"url":"http://127.0.0.1/x","secret":"{{new string('s', 257)}}","events":["experiment.started"]}""", "secret", "16 to 256" },
        { """{"url":"http://127.0.0.1/x","secret":"0123456789abcdef"}""", "events", "at least one" },
        { """{"url":"http://127.0.0.1/x","secret":"0123456789abcdef","events":[]}""", "events", "at least one" },
        { """{"url":"http://127.0.0.1/x","secret":"0123456789abcdef","events":["experiment.started","experiment.exploded"]}""", "events[1]", "srm.detected" },
        { """{"url":"http://127.0.0.1/x","secret":"0123456789abcdef","events":"experiment.started"}""", "events", null },
        { """{"url":"http://127.0.0.1/x",""", "body", null },
    };

    [Theory]
    [MemberData(nameof(BadWebhooks))]
    public async Task ABadWebhookIsRefusedNamingTheFieldAndWhy(string body, string field, string? why)
    {
        fixture.Resolver.Map("metadata-alias.test", IPAddress.Parse("169.254.169.254"));
        fixture.Resolver.Map("local-link.test", IPAddress.Parse("10.0.0.7"), IPAddress.Parse("169.254.7.7"));
        var before = (await (await Http.GetAsync("/api/webhooks")).Json()).GetArrayLength();

        var response = await Http.PostJson("/api/webhooks", body);

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest, field);
        if (why is not null) Assert.Contains(why, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(before, (await (await Http.GetAsync("/api/webhooks")).Json()).GetArrayLength());
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("http://localhost:9/hook")]
    [InlineData("http://[::1]:9/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("https://192.168.0.10:8443/hook")]
    [InlineData("http://172.16.5.4/hook")]
    public async Task LoopbackAndPrivateReceiversAreAllowed(string url)
    {
        var response = await Http.PostJson("/api/webhooks", JsonSerializer.Serialize(new { url, secret = NewSecret(), events = new[] { "srm.detected" } }));

        await response.AssertStatus(HttpStatusCode.Created);
        var id = (await response.Json()).GetProperty("id").GetGuid();
        await (await Http.DeleteAsync($"/api/webhooks/{id}")).AssertStatus(HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData("GET", "/api/webhooks/{0}")]
    [InlineData("DELETE", "/api/webhooks/{0}")]
    [InlineData("GET", "/api/webhooks/{0}/deliveries")]
    [InlineData("GET", "/api/webhooks/not-a-uuid")]
    [InlineData("DELETE", "/api/webhooks/not-a-uuid")]
    [InlineData("GET", "/api/webhooks/not-a-uuid/deliveries")]
    public async Task AnUnknownWebhookIsNotFound(string method, string path)
    {
        var response = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), string.Format(path, Guid.NewGuid())));

        var problem = await response.AssertProblem(HttpStatusCode.NotFound);
        Assert.Contains("webhook", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task ADeliveryLimitOutOfRangeIsRefused(int limit)
    {
        var id = await Subscribe(Http, fixture.Receiver.Url("limit"), NewSecret(), "srm.detected");

        var response = await Http.GetAsync($"/api/webhooks/{id}/deliveries?limit={limit}");

        await response.AssertProblem(HttpStatusCode.BadRequest, "limit");
    }

    [Fact]
    public async Task TheWebhookEndpointsAreInTheOpenApiDocument()
    {
        var paths = (await (await Http.GetAsync("/openapi/v1.json")).Json()).GetProperty("paths");

        Assert.True(paths.TryGetProperty("/api/webhooks", out _));
        Assert.True(paths.TryGetProperty("/api/webhooks/{id}/deliveries", out _));
    }

    private static async Task<string> RawJson(IDocumentStore store, Guid id)
    {
        await using var session = store.QuerySession();
        var json = await session.Json.FindByIdAsync<WebhookDocument>(id);
        return json ?? throw new InvalidOperationException($"webhook {id} is not stored");
    }
}
