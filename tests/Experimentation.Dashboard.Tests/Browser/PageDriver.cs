using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Experimentation.Dashboard.Tests.Browser;

/// <summary>How the tests work MudBlazor's inputs the way a person does: type, leave the field, pick from a list.</summary>
internal static class PageDriver
{
    /// <summary>Waits past this are failures: the page updates within about a second of a new look.</summary>
    public const float Wait = 15_000;

    /// <summary>Types into the input inside the element marked data-testid, then tabs away so the value is committed.</summary>
    public static async Task TypeAsync(IPage page, string testId, string text)
    {
        var input = page.Locator($"[data-testid='{testId}'] input, [data-testid='{testId}'] textarea, input[data-testid='{testId}'], textarea[data-testid='{testId}']").First;
        await input.FillAsync(text);
        await input.PressAsync("Tab");
    }

    /// <summary>Opens the select labelled <paramref name="label"/> and picks the option reading <paramref name="option"/>.</summary>
    public static async Task PickAsync(IPage page, string label, string option)
    {
        var labelled = page.Locator("label", new() { HasTextRegex = new Regex($"^{Regex.Escape(label)}$") });
        await page.Locator(".mud-select", new() { Has = labelled }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = option }).First.ClickAsync();
        // Until the list has closed its overlay takes the next click.
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }

    /// <summary>The whole field around the input marked data-testid: its label, input, helper and error text.</summary>
    public static ILocator Field(IPage page, string testId) =>
        page.Locator(".mud-input-control", new() { Has = page.Locator($"[data-testid='{testId}']") }).Last;

    public static ILocator Cell(IPage page, string metric, string treatment, string field) =>
        page.Locator($"tr.comparison-row[data-metric='{metric}'][data-treatment='{treatment}'] td[data-field='{field}']");

    /// <summary>Marks the document, so a later check can tell the page was never reloaded.</summary>
    public static Task MarkAsync(IPage page) => page.EvaluateAsync("() => window.__notReloaded = true");

    public static Task<bool> NotReloadedAsync(IPage page) => page.EvaluateAsync<bool>("() => window.__notReloaded === true");

    public static Task<int> OverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
}
