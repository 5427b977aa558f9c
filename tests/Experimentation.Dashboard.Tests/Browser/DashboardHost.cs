using System.Net.Http.Headers;
using System.Security.Cryptography;
using Experimentation.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Experimentation.Dashboard.Tests.Browser;

/// <summary>
/// The real host (silo, API and dashboard in one process) on a fresh database, an HTTP client for its API, and a
/// headless Debian Chromium driven by Playwright. Shared by the browser tests through a collection.
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    /// <summary>Debian's Chromium (apt-get install chromium), driven offline: no playwright install, no download.</summary>
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>The installation's admin key the host is started with (EXPERIMENTATION_ADMIN_KEY).</summary>
    public string AdminKey { get; } = "admin-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    private TestDatabase? _database;
    private SiloProcess? _silo;
    private IPlaywright? _playwright;

    public Uri BaseAddress => Silo.BaseAddress;
    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("Host not started.");
    public HttpClient Api { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where every page's screenshot goes, under the test output, for a reviewer to look at.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        _database = await TestDatabase.CreateAsync();
        _silo = new SiloProcess(_database.ConnectionString, new Dictionary<string, string> { ["EXPERIMENTATION_ADMIN_KEY"] = AdminKey });
        await _silo.StartAsync();
        Api = new HttpClient { BaseAddress = _silo.BaseAddress };
        Api.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        // The gateway requires keys (docs/security.md): every API call of the tests sends the installation admin's.
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        // A first page renders while the host still compiles its code paths: waits are generous, and still fail.
        Assertions.SetDefaultExpectTimeout(PageDriver.Wait);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
    }

    /// <summary>
    /// A new page 1280 px wide (the width the layout must fit without horizontal scroll), tall enough that a full-page
    /// screenshot needs no resize, which would re-run the layout's breakpoints mid-shot.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 1800, string? key = null, bool signIn = true)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, BaseURL = BaseAddress.ToString(), TimezoneId = "Europe/Berlin" });
        context.SetDefaultTimeout(PageDriver.Wait);
        var page = await context.NewPageAsync();
        if (signIn) await SignInAsync(page, key ?? AdminKey);
        return page;
    }

    /// <summary>
    /// Signs the page's browser context in with <paramref name="key"/> through the sign-in page, as a person does. A
    /// sign-in that does not finish fails with what the browser saw (requests, navigations, load events, with times)
    /// and the host's recent output, so a slow or stalled page names itself.
    /// </summary>
    public async Task SignInAsync(IPage page, string key)
    {
        using var journal = new PageJournal(page);
        try
        {
            await page.GotoAsync("/signin");
            await page.GetByLabel("API key").FillAsync(key);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            // Signed in is the redirect away from the sign-in page, which the server sends only after writing the cookie.
            // Waiting for that page's load as well made sign-in fail once in CI: "/" arrived, the network went idle,
            // and Chromium's load event did not come within the wait. Each test then opens the page it checks, and
            // waits for what it checks there.
            await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"Sign-in did not finish: {e.Message}\nThe browser saw:\n{journal}\nThe host's recent output:\n{Silo.RecentOutput}", e);
        }
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        Api?.Dispose();
        if (_silo is not null) await _silo.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardHost>
{
    public const string Name = "dashboard host";
}
