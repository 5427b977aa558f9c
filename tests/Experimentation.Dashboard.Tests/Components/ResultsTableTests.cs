using Bunit;
using Experimentation.Dashboard.Components.Results;

namespace Experimentation.Dashboard.Tests.Components;

/// <summary>The results table and its warnings, rendered by bUnit from a report in the API's JSON.</summary>
public sealed class ResultsTableTests : ComponentTest
{
    [Fact]
    public void ARowShowsUsersValueLiftsWithTheIntervalAndTheThreePValues()
    {
        var table = Render<ResultsTable>(p => p.Add(t => t.Report, SampleReports.TwoTreatments()));

        var green = table.Find("tr.comparison-row[data-treatment='green']");
        string Field(string name) => green.QuerySelector($"td[data-field='{name}']")!.TextContent.Trim();
        Assert.Equal("12,100", Field("exposed"));
        Assert.Equal("12.07%", Field("value"));
        Assert.Equal("+0.002726", Field("delta"));
        Assert.Equal("+2.31% [\u22120.4%, +5.1%]", Field("lift"));
        Assert.Equal("p = 0.012", Field("p"));
        Assert.Equal("p = 0.025", Field("p-adjusted"));
        Assert.Equal("p = 0.200", Field("p-always-valid"));
        var control = table.Find("tr.metric-row[data-metric='checkout-conversion']");
        Assert.Equal("12,000", control.QuerySelector("td[data-field='exposed']")!.TextContent.Trim());
        Assert.Equal("11.80%", control.QuerySelector("td[data-field='value']")!.TextContent.Trim());
    }

    [Fact]
    public void ANegativeLiftReadsWithARealMinusAndItsBarCrossesZero()
    {
        var table = Render<ResultsTable>(p => p.Add(t => t.Report, SampleReports.TwoTreatments()));

        var blue = table.Find("tr.comparison-row[data-treatment='blue']");
        Assert.Equal("\u22126.78% [\u221221.0%, +7.5%]", blue.QuerySelector("td[data-field='lift']")!.TextContent.Trim());
        Assert.Equal("p = 0.510", blue.QuerySelector("td[data-field='p']")!.TextContent.Trim());
        Assert.Equal("p = 1.000", blue.QuerySelector("td[data-field='p-always-valid']")!.TextContent.Trim());
        // One scale for the table: the widest bound (−21%) times 1.1 fills half the bar, so −21% sits at 50 − 45.45 %.
        var interval = blue.QuerySelector(".ci-bar .interval")!;
        Assert.Contains("across", interval.ClassName);
        Assert.Contains("left:4.55%", interval.GetAttribute("style"));
        Assert.Contains("across", table.Find("tr.comparison-row[data-treatment='green'] .ci-bar .interval").ClassName);
    }

    [Theory]
    [InlineData("significant", "significant")]
    [InlineData("not_significant", "not significant")]
    [InlineData("underpowered", "underpowered")]
    [InlineData("srm_warning", "SRM warning")]
    public void EveryBadgeReadsAsTheIssueNamesIt(string badge, string text)
    {
        var table = Render<ResultsTable>(p => p.Add(t => t.Report, SampleReports.TwoTreatments(firstBadge: badge)));

        Assert.Equal(text, table.Find("tr.comparison-row[data-treatment='green'] [data-badge]").TextContent.Trim());
    }

    [Fact]
    public void AFlaggedSampleRatioShowsTheBannerWithItsPValue()
    {
        var warnings = Render<ReportWarnings>(p => p.Add(w => w.Report, SampleReports.TwoTreatments(srmFlagged: true, "srm_warning", "srm_warning")));

        Assert.Contains("Sample ratio mismatch (p < 0.001)", warnings.Find("[data-testid='srm-banner']").TextContent);
        Assert.Contains("keep running", warnings.Find("[data-testid='recommendation']").TextContent);
        Assert.Contains("sequential", warnings.Find("[data-testid='decision-mode']").TextContent);
    }

    [Fact]
    public void WithoutSrmThereIsNoBanner()
    {
        var warnings = Render<ReportWarnings>(p => p.Add(w => w.Report, SampleReports.TwoTreatments()));

        Assert.Empty(warnings.FindAll("[data-testid='srm-banner']"));
    }
}
