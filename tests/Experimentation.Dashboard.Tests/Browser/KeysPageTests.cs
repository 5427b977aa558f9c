using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using static Experimentation.Dashboard.Tests.Browser.PageDriver;

namespace Experimentation.Dashboard.Tests.Browser;

/// <summary>The keys admin page in a real browser: a key issued there shows its secret once, works, and is revoked there.</summary>
[Collection(DashboardCollection.Name)]
public sealed class KeysPageTests(DashboardHost host)
{
    [Fact]
    public async Task AKeyIssuedOnThePageShowsItsSecretOnceAuthenticatesAndIsRevokedThere()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var team = $"keys-{suffix}";
        var user = $"lin-{suffix}";
        await Api.PostAsync(host.Api, "/api/teams", new { key = team, name = "Keys" });
        await Api.PostAsync(host.Api, "/api/users", new { id = user, name = user, team });

        var page = await host.NewPageAsync();
        await page.GotoAsync("/keys");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Keys");
        await PickAsync(page, "User", user);
        await PickAsync(page, "Role", "experimenter");
        await page.Locator("[data-testid='issue-key']").ClickAsync();
        var secret = (await page.Locator("[data-testid='issued-secret'] code").TextContentAsync(new() { Timeout = Wait }))!.Trim();

        // The list shows the key without its secret; the secret authenticates against the API.
        var row = page.Locator("tr[data-key-id]", new() { HasText = user });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("[data-testid='key-state']")).ToHaveTextAsync("active");
        Assert.DoesNotContain(secret, await page.Locator("table").InnerTextAsync(), StringComparison.Ordinal);
        using (var client = new HttpClient { BaseAddress = host.BaseAddress })
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            using var answer = await client.GetAsync("/api/experiments");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }
        await DashboardHost.ScreenshotAsync(page, "keys");

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid='key-state']")).ToContainTextAsync("revoked", new() { Timeout = Wait });
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Revoke" })).ToHaveCountAsync(0);
    }
}
