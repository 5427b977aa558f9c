using System.Globalization;
using System.Text.Json;
using Experimentation.Dashboard.Services;
using Microsoft.Playwright;
using static Experimentation.Dashboard.Tests.Browser.PageDriver;

namespace Experimentation.Dashboard.Tests.Browser;

/// <summary>
/// Issue 13's scenario 1 in a real browser: an experimenter creates an experiment with the wizard and submits it, a
/// reviewer approves it on the Review page, the experimenter starts it, and events are ingested over HTTP; the results
/// page shows the numbers GET /results returns, and the boundary chart has one point per look.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ResultsScenarioTests(DashboardHost host)
{
    private const int UsersPerArm = 300;

    [Fact]
    public async Task AnExperimentMadeInTheWizardShowsTheResultsOfTheApiWithOneChartPointPerLook()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var key = $"wizard-{suffix}";
        var metric = $"signup-{suffix}";
        await Api.PostAsync(host.Api, "/api/metrics", new { key = metric, name = "Signed up", type = "conversion", eventType = $"signup-{suffix}", aggregation = "count" });
        var team = $"growth-{suffix}";
        await Api.PostAsync(host.Api, "/api/teams", new { key = team, name = "Growth" });
        var experimenterKey = await Api.KeyForAsync(host.Api, team, $"ada-{suffix}", "experimenter");
        var reviewerKey = await Api.KeyForAsync(host.Api, team, $"grace-{suffix}", "reviewer");

        var page = await host.NewPageAsync(key: experimenterKey);
        await page.GotoAsync("/experiments/new");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("New experiment");
        await TypeAsync(page, "key", key);
        await TypeAsync(page, "name", "Wizard checkout test");
        await TypeAsync(page, "hypothesis", "A shorter form raises signups.");
        await TypeAsync(page, "owner", team);
        await TypeAsync(page, "look-interval", "1");
        await TypeAsync(page, "weight-1", "0");
        await Assertions.Expect(page.Locator("[data-testid='share-0']")).ToHaveTextAsync("100.0%");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bind a metric" }).ClickAsync();
        await PickAsync(page, "Metric", metric);

        // The grain refuses a zero weight; its message shows beside the weight that caused it.
        await page.Locator("[data-testid='save-draft']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='variant-1']")).ToContainTextAsync("variants[1].weight must be a positive integer", new() { Timeout = Wait });
        await DashboardHost.ScreenshotAsync(page, "new-experiment-with-error");

        await TypeAsync(page, "weight-1", "1");
        await Assertions.Expect(page.Locator("[data-testid='share-1']")).ToHaveTextAsync("50.0%");
        await page.Locator("[data-testid='save-draft']").ClickAsync();

        // Saved, the wizard shows the grain's pre-launch checks, the same as GET /checks, then submits for review.
        await Assertions.Expect(page.Locator("[data-testid='review-step'] [data-status]")).ToHaveTextAsync("draft", new() { Timeout = Wait });
        var checks = await Api.GetAsync(host.Api, $"/api/experiments/{key}/checks");
        await Assertions.Expect(page.Locator("[data-testid='review-step'] [data-check]")).ToHaveCountAsync(CheckCount(checks), new() { Timeout = Wait });
        await DashboardHost.ScreenshotAsync(page, "new-experiment-checks");
        await page.Locator("[data-testid='submit-review']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='submitted']")).ToBeVisibleAsync(new() { Timeout = Wait });

        // The reviewer, another person, approves it on the Review page.
        var reviewer = await host.NewPageAsync(key: reviewerKey);
        await reviewer.GotoAsync("/review");
        await reviewer.Locator($"[data-testid='review-list'] [data-key='{key}']").ClickAsync();
        await Assertions.Expect(reviewer.Locator("[data-testid='review-detail'] [data-check]")).ToHaveCountAsync(CheckCount(checks), new() { Timeout = Wait });
        await DashboardHost.ScreenshotAsync(reviewer, "review");
        await reviewer.Locator("[data-testid='approve']").ClickAsync();
        await Assertions.Expect(reviewer.Locator("[data-testid='review-outcome']")).ToContainTextAsync("Approved", new() { Timeout = Wait });
        await Assertions.Expect(reviewer.Locator("[data-testid='review-detail'] [data-status]").First).ToHaveTextAsync("approved");

        // The experimenter starts the approved experiment from its page.
        await page.Locator("[data-testid='open-experiment']").ClickAsync();
        await page.WaitForURLAsync($"**/experiments/{key}", new() { Timeout = Wait });
        await Assertions.Expect(page.Locator("[data-status]").First).ToHaveTextAsync("approved", new() { Timeout = Wait });

        await page.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-status]").First).ToHaveTextAsync("running", new() { Timeout = Wait });
        await MarkAsync(page);

        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        var events = new List<object>();
        foreach (var (arm, rate) in new[] { ("control", 0.20), ("treatment", 0.30) })
            for (var i = 0; i < UsersPerArm; i++)
            {
                var user = $"{key}-{arm}-{i}";
                events.Add(Api.Exposure(key, user, arm, at));
                if (i < rate * UsersPerArm) events.Add(Api.Metric(user, $"signup-{suffix}", 1, at.AddMinutes(1)));
            }
        await Api.IngestAsync(host.Api, events);

        // The page follows the scheduled looks by itself, without a reload.
        await Assertions.Expect(Cell(page, metric, "treatment", "exposed")).ToHaveTextAsync(Formats.Count(UsersPerArm), new() { Timeout = Wait });
        Assert.True(await NotReloadedAsync(page), "the page was reloaded");

        var results = await Api.GetAsync(host.Api, $"/api/experiments/{key}/results");
        var look = results.GetProperty("look").GetInt64();
        await Assertions.Expect(page.Locator("[data-testid='look']")).ToContainTextAsync($"look {look.ToString(CultureInfo.InvariantCulture)} ", new() { Timeout = Wait });
        var comparison = results.GetProperty("analysis").GetProperty("metrics")[0].GetProperty("comparisons")[0];
        var treatmentArm = results.GetProperty("analysis").GetProperty("metrics")[0].GetProperty("arms")[1];
        await Assertions.Expect(Cell(page, metric, "treatment", "exposed")).ToHaveTextAsync(Formats.Count(treatmentArm.GetProperty("n").GetInt64()));
        await Assertions.Expect(Cell(page, metric, "treatment", "value")).ToHaveTextAsync(Formats.Value(Number(comparison, "treatmentMean"), Statistics.MetricKind.Conversion));
        await Assertions.Expect(Cell(page, metric, "treatment", "delta")).ToHaveTextAsync(Formats.Signed(Number(comparison, "delta")));
        var liftCi = comparison.GetProperty("liftConfidenceInterval");
        await Assertions.Expect(Cell(page, metric, "treatment", "lift")).ToHaveTextAsync(
            Formats.LiftWithInterval(Number(comparison, "lift"), Number(liftCi, "lower"), Number(liftCi, "upper")));
        await Assertions.Expect(Cell(page, metric, "treatment", "p")).ToHaveTextAsync(Formats.P(Number(comparison, "pValue")));
        await Assertions.Expect(Cell(page, metric, "treatment", "p-adjusted")).ToHaveTextAsync(Formats.P(Number(comparison, "adjustedPValue")));
        await Assertions.Expect(Cell(page, metric, "treatment", "p-always-valid")).ToHaveTextAsync(
            Formats.P(Number(comparison.GetProperty("sequential"), "alwaysValidPValue")));
        var badge = comparison.GetProperty("badge").GetString()!;
        await Assertions.Expect(page.Locator($"tr.comparison-row[data-treatment='treatment'] [data-badge]")).ToHaveTextAsync(badge.Replace('_', ' ').Replace("srm warning", "SRM warning"));

        // One chart point per persisted look: the chart's estimate trace against GET /results/looks.
        var looks = (await Api.GetAsync(host.Api, $"/api/experiments/{key}/results/looks")).GetArrayLength();
        var points = await Eventually.Until("the boundary chart to have one point per look",
            () => page.EvaluateAsync<int>("() => document.getElementById('boundary-chart').data.find(t => t.name === 'estimate').x.length"),
            n => n == looks, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100), n => $"{n} points for {looks} looks");
        Assert.Equal(looks, points);
        Assert.True(await OverflowAsync(page) <= 0, "the experiment page scrolls sideways at 1280 px");
        await DashboardHost.ScreenshotAsync(page, "experiment");

        // The list shows it running, with its owner; a phone-width view stays readable.
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator($"tr[data-key='{key}'] [data-status]")).ToHaveTextAsync("running", new() { Timeout = Wait });
        await DashboardHost.ScreenshotAsync(page, "experiments");
        var phone = await host.NewPageAsync(390, 844);
        await phone.GotoAsync($"/experiments/{key}");
        await Assertions.Expect(Cell(phone, metric, "treatment", "exposed")).ToHaveTextAsync(Formats.Count(UsersPerArm), new() { Timeout = Wait });
        await Eventually.Until("the charts to draw at phone width",
            () => phone.EvaluateAsync<int>("() => (document.getElementById('exposures-chart')?.data ?? []).length"), n => n == 2);
        Assert.True(await OverflowAsync(phone) <= 0, "the experiment page scrolls sideways at phone width");
        await DashboardHost.ScreenshotAsync(phone, "experiment-phone");
    }

    private static int CheckCount(JsonElement checks) => checks.GetProperty("checks").GetArrayLength();

    private static double? Number(JsonElement e, string name) =>
        e.GetProperty(name) is { ValueKind: JsonValueKind.Number } n ? n.GetDouble() : null;
}
