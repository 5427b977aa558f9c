using Bunit;
using Experimentation.Dashboard.Components.Holdout;
using Experimentation.Dashboard.Services;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.Statistics.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Experimentation.Dashboard.Tests.Components;

/// <summary>The /holdout page's two states, rendered by bUnit: the set-up steps, and the panel from a holdout report.</summary>
public sealed class HoldoutPanelTests : ComponentTest
{
    private static readonly DateTimeOffset Started = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public HoldoutPanelTests() => Services.AddScoped<ViewerClock>();

    [Fact]
    public void WithoutAHoldoutAnalysisThePageSaysHowToSetOneUpAndTheShareHeldOutToday()
    {
        var cut = Render<HoldoutSetup>(p => p.Add(s => s.HoldoutBasisPoints, 150));

        Assert.Contains("No holdout analysis yet", cut.Find("[data-testid='holdout-empty']").TextContent);
        var steps = cut.FindAll("[data-testid='holdout-steps'] li").Select(li => li.TextContent).ToArray();
        Assert.Equal(4, steps.Length);
        Assert.Contains("PUT /api/config/holdout", steps[0]);
        Assert.Contains("Today 1.5% of users are held out.", steps[0]);
        Assert.Contains("global-holdout of type holdout", steps[1]);
        Assert.Contains("POST /api/experiments/global-holdout/start", steps[2]);
        Assert.Empty(cut.FindAll(".mud-alert-filled-error, .mud-alert-text-error"));
    }

    [Fact]
    public void WithNoShareConfiguredTheStepsSayNobodyIsHeldOut()
    {
        var cut = Render<HoldoutSetup>(p => p.Add(s => s.HoldoutBasisPoints, 0));

        Assert.Equal("Today no user is held out.", cut.Find("[data-testid='holdout-share']").TextContent);
    }

    [Fact]
    public void ThePanelShowsTheStatusTheStartTheGroupsAndEachMetricsCumulativeLiftWithItsInterval()
    {
        var cut = Render<HoldoutPanel>(p => p
            .Add(h => h.View, View(ExperimentStatus.Running, Started))
            .Add(h => h.Report, SampleReports.Holdout())
            .Add(h => h.HoldoutBasisPoints, 500));

        Assert.Equal("running", cut.Find("[data-status]").TextContent);
        Assert.Equal("2026-12-01 09:00:00 UTC", cut.Find("[data-testid='holdout-started']").TextContent);
        Assert.Equal("200", cut.Find("[data-testid='units-holdout']").TextContent);
        Assert.Equal("600", cut.Find("[data-testid='units-exposed']").TextContent);
        Assert.Equal("5% of users", cut.Find("[data-testid='holdout-share']").TextContent);
        Assert.Equal("look 12 · 2026-12-01 10:15:00 UTC · live", cut.Find("[data-testid='look']").TextContent);
        var row = cut.Find("tr.comparison-row[data-metric='revenue'][data-treatment='exposed']");
        Assert.Equal("+10.00% [+4.2%, +15.8%]", row.QuerySelector("td[data-field='lift']")!.TextContent.Trim());
        Assert.Equal("600", row.QuerySelector("td[data-field='exposed']")!.TextContent.Trim());
        Assert.Contains("up", row.QuerySelector(".ci-bar .interval")!.ClassName);
        Assert.Equal("significant", row.QuerySelector("[data-badge]")!.TextContent.Trim());
        Assert.StartsWith("holdout", cut.Find("tr.metric-row[data-metric='revenue'] td:nth-child(2)").TextContent.Trim());
        // Shipping is not the holdout's question, so its analysis' recommendation is not shown.
        Assert.Empty(cut.FindAll("[data-testid='recommendation']"));
        Assert.Empty(cut.FindAll("[data-testid='holdout-not-started'], [data-testid='no-look'], [data-testid='stale']"));
    }

    [Fact]
    public void AMismatchOnTheHoldoutSaysWhatItUsuallyMeansThere()
    {
        var cut = Render<HoldoutPanel>(p => p
            .Add(h => h.View, View(ExperimentStatus.Running, Started))
            .Add(h => h.Report, SampleReports.Holdout(srmFlagged: true)));

        var banner = cut.Find("[data-testid='srm-banner']").TextContent;
        Assert.Contains("Sample ratio mismatch (p < 0.001)", banner);
        Assert.Contains("below 100% traffic", banner);
        Assert.DoesNotContain("no result can be trusted", banner);
        Assert.Equal("\u2014", cut.Find("[data-testid='holdout-share']").TextContent);
    }

    [Fact]
    public void ADraftHoldoutWithoutALookSaysToStartIt()
    {
        var cut = Render<HoldoutPanel>(p => p.Add(h => h.View, View(ExperimentStatus.Draft, null)).Add(h => h.Report, (ExperimentReport?)null));

        Assert.Equal("draft", cut.Find("[data-status]").TextContent);
        Assert.Contains("POST /api/experiments/global-holdout/start", cut.Find("[data-testid='holdout-not-started']").TextContent);
        Assert.Contains("No look yet", cut.Find("[data-testid='no-look']").TextContent);
        Assert.Equal("\u2014", cut.Find("[data-testid='units-exposed']").TextContent);
        Assert.Empty(cut.FindAll("[data-testid='results']"));
    }

    private static ExperimentView View(ExperimentStatus status, DateTimeOffset? started) => new(
        "global-holdout", status, 3,
        new ExperimentDefinition("Global holdout impact", "Everything we ship adds up.", ExperimentType.Holdout, "platform", null,
            [new VariantDefinition("holdout", 1, "{}", IsControl: true), new VariantDefinition("exposed", 3, "{}", IsControl: false)],
            100, null, null, [new MetricBinding("revenue", MetricRole.Primary, MetricDirection.HigherBetter, 0.05)], null),
        Started.AddHours(-1), started ?? Started.AddHours(-1), started, null, null, null, null, null, null);
}
