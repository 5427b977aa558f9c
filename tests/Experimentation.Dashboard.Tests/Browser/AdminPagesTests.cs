using Microsoft.Playwright;
using static Experimentation.Dashboard.Tests.Browser.PageDriver;

namespace Experimentation.Dashboard.Tests.Browser;

/// <summary>The namespaces, metrics and webhooks pages in a real browser: create, see it listed, and refusals in place.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AdminPagesTests(DashboardHost host)
{
    [Fact]
    public async Task ANamespaceCreatedOnThePageShowsItsSlotMapWithTheRunningExperimentAndTheFreeRange()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var ns = $"layer-{suffix}";
        var page = await host.NewPageAsync();
        await page.GotoAsync("/namespaces");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Namespaces");
        await TypeAsync(page, "ns-key", "Not A Key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(Field(page, "ns-key")).ToContainTextAsync("key must match");
        await TypeAsync(page, "ns-key", ns);
        await TypeAsync(page, "ns-slots", "100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(page.Locator($"[data-namespace='{ns}'] [data-testid='free-ranges']")).ToHaveTextAsync("Free: [0, 100) 100 slots", new() { Timeout = Wait });

        var key = $"in-layer-{suffix}";
        await Api.PostAsync(host.Api, "/api/experiments", new
        {
            key, name = "In a layer", hypothesis = "Claims 30 slots.", type = "ab", ownerTeam = "search",
            @namespace = new { key = ns, slots = 30 },
            variants = new object[] { new { key = "control", weight = 1, control = true }, new { key = "b", weight = 1 } },
        });
        await Api.PostAsync(host.Api, $"/api/experiments/{key}/start", new { });
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator($"[data-namespace='{ns}'] [data-testid='free-ranges']")).ToHaveTextAsync("Free: [30, 100) 70 slots", new() { Timeout = Wait });
        await Assertions.Expect(page.Locator($"[data-namespace='{ns}']")).ToContainTextAsync($"{key} [0, 30)");
        await Eventually.Until("the slot map to draw a segment for the experiment and one for the free range",
            () => page.EvaluateAsync<int>($"() => (document.getElementById('slot-map-{ns}')?.data ?? []).length"), n => n == 2);
        await DashboardHost.ScreenshotAsync(page, "namespaces");

        // The wizard's preview warns when the claim cannot fit.
        await page.GotoAsync("/experiments/new");
        await PickAsync(page, "Namespace", ns);
        await TypeAsync(page, "ns-claim", "80");
        await Assertions.Expect(page.Locator("[data-testid='collision-warning']")).ToContainTextAsync($"{key} [0, 30)");
        await DashboardHost.ScreenshotAsync(page, "new-experiment-collision");
    }

    [Fact]
    public async Task AMetricRegisteredOnThePageIsListedAndARefusalShowsAtItsField()
    {
        var key = $"revenue-{Guid.NewGuid().ToString("N")[..8]}";
        var page = await host.NewPageAsync();
        await page.GotoAsync("/metrics");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Metrics");
        await TypeAsync(page, "metric-key", key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(Field(page, "metric-name")).ToContainTextAsync("name is required");
        await TypeAsync(page, "metric-name", "Revenue per user");
        await TypeAsync(page, "metric-event", "purchase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(page.Locator($"tr[data-metric='{key}']")).ToContainTextAsync("purchase", new() { Timeout = Wait });
        await Assertions.Expect(page.Locator("[data-testid='metric-detail']")).ToContainTextAsync("Revenue per user");
        await DashboardHost.ScreenshotAsync(page, "metrics");
    }

    [Fact]
    public async Task AWebhookToAMetadataAddressIsRefusedAtTheUrlField()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/webhooks");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Webhooks");
        await TypeAsync(page, "webhook-url", "http://169.254.169.254/latest");
        await TypeAsync(page, "webhook-secret", "a-long-enough-signing-secret-0123456789");
        await TypeAsync(page, "webhook-events", "guardrail.breached");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        await Assertions.Expect(Field(page, "webhook-url")).ToContainTextAsync("url ", new() { Timeout = Wait });
        await DashboardHost.ScreenshotAsync(page, "webhooks");
    }
}
