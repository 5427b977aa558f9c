using Microsoft.Playwright;
using static Experimentation.Dashboard.Tests.Browser.PageDriver;

namespace Experimentation.Dashboard.Tests.Browser;

/// <summary>
/// Issue 13's scenario 2: a guardrail breach found by a scheduled look turns the open page to paused, with the
/// reason, without a reload.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class GuardrailScenarioTests(DashboardHost host)
{
    private const int UsersPerArm = 2000;

    [Fact]
    public async Task AGuardrailBreachTurnsTheOpenPageToPausedWithTheReasonWithoutAReload()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var key = $"guard-{suffix}";
        var latency = $"latency-{suffix}";
        await Api.PostAsync(host.Api, "/api/metrics", new { key = latency, name = "Latency (ms)", type = "mean", eventType = latency, aggregation = "sum" });
        await Api.PostAsync(host.Api, "/api/experiments", new
        {
            key, name = "Faster search backend", hypothesis = "The new backend keeps latency flat.", type = "ab", ownerTeam = "search",
            variants = new object[] { new { key = "control", weight = 1, control = true }, new { key = "green", weight = 1 } },
            metrics = new[] { new { metricKey = latency, role = "guardrail", direction = "lower_better", maxDegradation = 0.05 } },
            mde = 0.02, lookIntervalSeconds = 1,
        });
        await Api.PostAsync(host.Api, $"/api/experiments/{key}/start", new { });

        var page = await host.NewPageAsync();
        await page.GotoAsync($"/experiments/{key}");
        await Assertions.Expect(page.Locator("[data-status]").First).ToHaveTextAsync("running", new() { Timeout = Wait });
        await Assertions.Expect(page.Locator("[data-testid='no-exposures']")).ToBeVisibleAsync();
        await DashboardHost.ScreenshotAsync(page, "experiment-no-exposures");
        await MarkAsync(page);

        // Twenty percent slower in the treatment against a five percent tolerance.
        var random = new Random(5);
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        var events = new List<object>();
        // Arms interleaved, so a look taken between two batches sees them in proportion (no passing SRM).
        for (var i = 0; i < UsersPerArm; i++)
            foreach (var (arm, mean) in new[] { ("control", 100.0), ("green", 120.0) })
            {
                var user = $"{key}-{arm}-{i}";
                events.Add(Api.Exposure(key, user, arm, at));
                events.Add(Api.Metric(user, latency, mean * (1 + 0.2 * (random.NextDouble() - 0.5)), at.AddMinutes(1)));
            }
        await Api.IngestAsync(host.Api, events);

        await Assertions.Expect(page.Locator("[data-status]").First).ToHaveTextAsync("paused", new() { Timeout = Wait });
        var banner = page.Locator("[data-testid='pause-banner']");
        await Assertions.Expect(banner).ToContainTextAsync("guardrail");
        await Assertions.Expect(banner).ToContainTextAsync(latency);
        await Assertions.Expect(page.Locator("[data-testid='guardrail-warning']")).ToContainTextAsync(latency, new() { Timeout = Wait });
        await Assertions.Expect(page.Locator("[data-testid='history']")).ToContainTextAsync("system:guardrail");
        Assert.True(await NotReloadedAsync(page), "the page was reloaded");
        await DashboardHost.ScreenshotAsync(page, "experiment-guardrail-paused");
    }
}
