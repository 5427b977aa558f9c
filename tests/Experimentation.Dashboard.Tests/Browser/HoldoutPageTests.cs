using System.Globalization;
using System.Text.Json;
using Experimentation.Dashboard.Services;
using Microsoft.Playwright;
using static Experimentation.Dashboard.Tests.Browser.PageDriver;

namespace Experimentation.Dashboard.Tests.Browser;

/// <summary>
/// Issue 14's "the dashboard shows it when present": /holdout shows the set-up steps while no holdout analysis exists,
/// turns into the panel when one is created and started, and after real ingestion over HTTP (held-out users logged as
/// the SDK does, others exposed to one or two experiments) shows the numbers of GET /api/holdout/results.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class HoldoutPageTests(DashboardHost host)
{
    private const string Holdout = "global-holdout";
    private const int HeldOut = 100, OnlyA = 150, OnlyB = 75, Both = 75;

    [Fact]
    public async Task TheHoldoutPageShowsTheSetUpStepsThenTheLiveLiftOfTheApi()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var revenue = $"revenue-{suffix}";
        await Api.PostAsync(host.Api, "/api/metrics", new { key = revenue, name = "Revenue", type = "mean", eventType = revenue, aggregation = "sum" });
        var team = $"insights-{suffix}";
        await Api.PostAsync(host.Api, "/api/teams", new { key = team, name = "Insights" });
        // A viewer reads the holdout's results, as GET /api/holdout/results serves every reading role.
        var viewerKey = await Api.KeyForAsync(host.Api, team, $"vera-{suffix}", "viewer");

        var page = await host.NewPageAsync(key: viewerKey);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Holdout" }).ClickAsync();
        await page.WaitForURLAsync("**/holdout");
        await Assertions.Expect(page.Locator("[data-testid='holdout-empty']")).ToContainTextAsync("No holdout analysis yet");
        await Assertions.Expect(page.Locator("[data-testid='holdout-steps'] li")).ToHaveCountAsync(4);
        await DashboardHost.ScreenshotAsync(page, "holdout-empty");
        await MarkAsync(page);

        // The share held out is the installation's; the other tests of the host do not assign, and it is put back after.
        await Api.PutAsync(host.Api, "/api/config/holdout", new { percent = 25 });
        try
        {
            await HoldoutAnalysisAsync(page, team, revenue, suffix);
        }
        finally
        {
            await Api.PutAsync(host.Api, "/api/config/holdout", new { percent = 0 });
        }
    }

    private async Task HoldoutAnalysisAsync(IPage page, string team, string revenue, string suffix)
    {
        var (a, b) = (await StartExperimentAsync($"holdout-a-{suffix}"), await StartExperimentAsync($"holdout-b-{suffix}"));
        await Api.PostAsync(host.Api, "/api/experiments", new
        {
            key = Holdout, name = "Global holdout impact", hypothesis = "Everything we ship adds up.", type = "holdout", ownerTeam = team,
            cupedPreDays = 0, lookIntervalSeconds = 1,
            // The weights are the split of the users this test logs, so SRM stays quiet.
            variants = new object[] { new { key = "holdout", weight = 1, control = true }, new { key = "exposed", weight = 3 } },
            metrics = new[] { new { metricKey = revenue, role = "primary", direction = "higher_better" } },
        });
        await Api.PostAsync(host.Api, $"/api/experiments/{Holdout}/start", new { });

        // The open page finds the analysis by itself and shows it running, without a reload.
        await Assertions.Expect(page.Locator("[data-status]").First).ToHaveTextAsync("running");
        await Assertions.Expect(page.Locator("[data-testid='holdout-share']")).ToHaveTextAsync("25% of users");
        Assert.True(await NotReloadedAsync(page), "the page was reloaded");

        var at = DateTimeOffset.UtcNow.AddSeconds(5);
        var events = new List<object>();
        var exposedValues = new List<double>();
        var random = new Random(1404);
        void User(string user, params string[] experiments)
        {
            if (experiments.Length == 0) events.Add(Api.Exposure(Holdout, user, "holdout", at));
            for (var k = 0; k < experiments.Length; k++) events.Add(Api.Exposure(experiments[k], user, "green", at.AddSeconds(k)));
            // Everything shipped adds about 10% revenue on top of a per-user 9 ± 3.
            var y = Math.Round((experiments.Length > 0 ? 9.9 : 9) + 3 * (random.NextDouble() - 0.5) * 3.46, 2);
            if (experiments.Length > 0) exposedValues.Add(y);
            events.Add(Api.Metric(user, revenue, y, at.AddMinutes(1)));
        }
        for (var i = 0; i < HeldOut; i++) User($"held-{suffix}-{i}");
        for (var i = 0; i < OnlyA; i++) User($"a-{suffix}-{i}", a);
        for (var i = 0; i < OnlyB; i++) User($"b-{suffix}-{i}", b);
        for (var i = 0; i < Both; i++) User($"ab-{suffix}-{i}", a, b);
        await Api.IngestAsync(host.Api, events);

        // The API's report once every event is in: each exposed user once, and the exposed group's mean revenue.
        var report = await Eventually.Until("the holdout analysis to hold every event",
            () => Api.GetAsync(host.Api, "/api/holdout/results"),
            r => Units(r).SequenceEqual([HeldOut, OnlyA + OnlyB + Both])
                && Metric(r).GetProperty("arms")[1].GetProperty("mean") is { ValueKind: JsonValueKind.Number } mean
                && Math.Abs(mean.GetDouble() - exposedValues.Average()) < 1e-9,
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200), r => r.GetRawText());
        var look = report.GetProperty("look").GetInt64();

        // The open page follows the looks to the API's, and reads exactly its numbers, as formatted.
        await Assertions.Expect(page.Locator("[data-testid='look']")).ToContainTextAsync($"look {look.ToString(CultureInfo.InvariantCulture)} ");
        await Assertions.Expect(page.Locator("[data-testid='units-holdout']")).ToHaveTextAsync(Formats.Count(HeldOut));
        await Assertions.Expect(page.Locator("[data-testid='units-exposed']")).ToHaveTextAsync(Formats.Count(OnlyA + OnlyB + Both));
        var comparison = Metric(report).GetProperty("comparisons")[0];
        Assert.Equal("exposed", comparison.GetProperty("treatment").GetString());
        var liftCi = comparison.GetProperty("liftConfidenceInterval");
        await Assertions.Expect(Cell(page, revenue, "exposed", "lift")).ToHaveTextAsync(
            Formats.LiftWithInterval(Number(comparison, "lift"), Number(liftCi, "lower"), Number(liftCi, "upper")));
        await Assertions.Expect(Cell(page, revenue, "exposed", "value")).ToHaveTextAsync(Formats.Value(Number(comparison, "treatmentMean"), Statistics.MetricKind.Mean));
        await Assertions.Expect(Cell(page, revenue, "exposed", "exposed")).ToHaveTextAsync(Formats.Count(OnlyA + OnlyB + Both));
        await Assertions.Expect(page.Locator($"tr.metric-row[data-metric='{revenue}'] td[data-field='value']")).ToHaveTextAsync(
            Formats.Value(Number(comparison, "controlMean"), Statistics.MetricKind.Mean));
        await Assertions.Expect(page.Locator("[data-testid='holdout-started']")).Not.ToHaveTextAsync(Formats.Missing);
        Assert.True(await NotReloadedAsync(page), "the page was reloaded");
        Assert.True(await OverflowAsync(page) <= 0, "the holdout page scrolls sideways at 1280 px");
        await DashboardHost.ScreenshotAsync(page, "holdout");

        // The experiments list carries a summary card that links to the page.
        await page.GotoAsync("/");
        var card = page.Locator("[data-testid='holdout-card']");
        await Assertions.Expect(card.Locator("[data-status]")).ToHaveTextAsync("running");
        await card.GetByRole(AriaRole.Link, new() { Name = "See the cumulative lift" }).ClickAsync();
        await Assertions.Expect(Cell(page, revenue, "exposed", "lift")).ToBeVisibleAsync();

        // The sdk role, which GET /api/holdout/results refuses like every read, cannot sign in, so it sees no numbers.
        var sdk = await host.NewPageAsync(signIn: false);
        await sdk.GotoAsync("/signin");
        await sdk.GetByLabel("API key").FillAsync(await Api.KeyForAsync(host.Api, team, $"svc-{suffix}", "sdk"));
        await sdk.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(sdk.Locator("#signin-error")).ToContainTextAsync("That is an SDK key");
        await sdk.GotoAsync("/holdout");
        await Assertions.Expect(sdk).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await Assertions.Expect(sdk.Locator("[data-testid='results']")).ToHaveCountAsync(0);
    }

    private async Task<string> StartExperimentAsync(string key)
    {
        await Api.PostAsync(host.Api, "/api/experiments", new
        {
            key, name = key, hypothesis = "Ships something.", type = "ab", ownerTeam = "growth",
            variants = new object[] { new { key = "control", weight = 1, control = true }, new { key = "green", weight = 1 } },
        });
        await Api.PostAsync(host.Api, $"/api/experiments/{key}/start", new { });
        return key;
    }

    private static long[] Units(JsonElement report) =>
        report.GetProperty("analysis").GetProperty("arms").EnumerateArray().Select(a => a.GetProperty("units").GetInt64()).ToArray();

    private static JsonElement Metric(JsonElement report) => report.GetProperty("analysis").GetProperty("metrics")[0];

    private static double? Number(JsonElement e, string name) =>
        e.GetProperty(name) is { ValueKind: JsonValueKind.Number } n ? n.GetDouble() : null;
}
