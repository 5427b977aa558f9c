using Microsoft.Playwright;

namespace Experimentation.Dashboard.Tests.Browser;

/// <summary>Every page opens in a real browser, fits 1280 px without horizontal scroll, and is saved as a screenshot.</summary>
[Collection(DashboardCollection.Name)]
public sealed class PagesSmokeTests(DashboardHost host)
{
    [Theory]
    [InlineData("/", "experiments", "Experiments")]
    public async Task APageOpensWithItsHeadingAndNoHorizontalScroll(string path, string screenshot, string heading)
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow} px at 1280 px");
        await DashboardHost.ScreenshotAsync(page, screenshot);
    }
}
