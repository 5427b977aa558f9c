using Microsoft.Playwright;
using static Experimentation.Dashboard.Tests.Browser.PageDriver;

namespace Experimentation.Dashboard.Tests.Browser;

/// <summary>
/// The Review page's refusals in place: the grain refuses the submitter's own approval (403) and the page shows its
/// message; a request for changes needs a comment; an experimenter sees no review buttons.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ReviewPageTests(DashboardHost host)
{
    [Fact]
    public async Task TheSubmitterCannotApproveAndAReviewerRequestsChangesWithAComment()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var team = $"review-{suffix}";
        var metric = $"click-{suffix}";
        var key = $"reviewed-{suffix}";
        await Api.PostAsync(host.Api, "/api/teams", new { key = team, name = "Review" });
        var experimenterKey = await Api.KeyForAsync(host.Api, team, $"ann-{suffix}", "experimenter");
        var reviewerKey = await Api.KeyForAsync(host.Api, team, $"rui-{suffix}", "reviewer");
        await Api.PostAsync(host.Api, "/api/metrics", new { key = metric, name = "Clicked", type = "conversion", eventType = metric, aggregation = "count" });
        await Api.PostAsync(host.Api, "/api/experiments", new
        {
            key, name = "Reviewed", hypothesis = "A bigger button gets clicks.", type = "ab", ownerTeam = team, mde = 0.02,
            variants = new object[] { new { key = "control", weight = 1, control = true }, new { key = "b", weight = 1 } },
            metrics = new object[] { new { metricKey = metric, role = "primary", direction = "higher_better" } },
        });
        // The admin key submits, so the admin is the author.
        await Api.PostAsync(host.Api, $"/api/experiments/{key}/submit", new { });

        var admin = await host.NewPageAsync();
        await admin.GotoAsync($"/review/{key}");
        await admin.Locator("[data-testid='approve']").ClickAsync();
        await Assertions.Expect(admin.Locator("[data-testid='review-error']")).ToContainTextAsync("its author may not approve it", new() { Timeout = Wait });
        await Assertions.Expect(admin.Locator("[data-testid='review-detail'] [data-status]").First).ToHaveTextAsync("in review");

        var experimenter = await host.NewPageAsync(key: experimenterKey);
        await experimenter.GotoAsync($"/review/{key}");
        await Assertions.Expect(experimenter.Locator("[data-testid='review-detail'] [data-check]").First).ToBeVisibleAsync(new() { Timeout = Wait });
        await Assertions.Expect(experimenter.Locator("[data-testid='approve']")).ToHaveCountAsync(0);

        var reviewer = await host.NewPageAsync(key: reviewerKey);
        await reviewer.GotoAsync($"/review/{key}");
        await reviewer.Locator("[data-testid='request-changes']").ClickAsync();
        await Assertions.Expect(Field(reviewer, "review-comment")).ToContainTextAsync("A comment is required.");
        await TypeAsync(reviewer, "review-comment", "Bind a guardrail for latency.");
        await reviewer.Locator("[data-testid='request-changes']").ClickAsync();
        await Assertions.Expect(reviewer.Locator("[data-testid='review-outcome']")).ToContainTextAsync("Changes requested", new() { Timeout = Wait });
        await Assertions.Expect(reviewer.Locator("[data-testid='review-detail'] [data-status]").First).ToHaveTextAsync("draft");
    }
}
