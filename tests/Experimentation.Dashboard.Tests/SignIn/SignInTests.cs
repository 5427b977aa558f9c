using System.Net;
using System.Text.RegularExpressions;
using Experimentation.Dashboard.Security;
using Experimentation.GrainInterfaces.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Experimentation.Dashboard.Tests.SignIn;

/// <summary>
/// Sign-in as the auth branch will turn it on: once an <see cref="IKeyVerifier"/> is registered, every page needs the
/// dashboard's cookie, a known key sets it, an unknown one is refused in place. The dashboard runs in its own small host
/// here (the static sign-in page needs no cluster); the verifier stands in for issue 16's key store.
/// </summary>
public sealed class SignInTests : IAsyncLifetime
{
    private const string Key = "exp_test_0123456789abcdef";
    private const string SdkKey = "exp_test_sdk_0123456789ab";
    private static readonly Caller Experimenter = new("key-1", "ada", "growth", Role.Experimenter);
    private static readonly Caller Service = new("key-2", "checkout-service", "growth", Role.Sdk);
    private WebApplication? _app;
    private HttpClient _http = null!;
    private readonly CookieContainer _cookies = new();

    public async Task InitializeAsync()
    {
        // Named after this assembly, whose static web assets manifest the build writes beside it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SignInTests).Assembly.GetName().Name, ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IKeyVerifier>(new Keys(new() { [Key] = Experimenter, [SdkKey] = Service }));
        builder.AddExperimentationDashboard();
        _app = builder.Build();
        _app.MapExperimentationDashboard();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
    }

    [Fact]
    public async Task APageWithoutTheCookieSendsTheBrowserToSignIn()
    {
        using var response = await _http.GetAsync("/experiments");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task AnUnknownKeyIsRefusedOnTheFormAndSetsNoCookie()
    {
        using var response = await PostKeyAsync("exp_wrong");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That key is unknown or revoked.", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(_cookies.GetAllCookies(), c => c.Name == "experimentation.dashboard");
    }

    [Fact]
    public async Task AnSdkKeyIsRefusedOnTheFormWithWhyAndSetsNoCookie()
    {
        using var response = await PostKeyAsync(SdkKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That is an SDK key", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(_cookies.GetAllCookies(), c => c.Name == "experimentation.dashboard");
    }

    // A cookie of the SDK role (as one signed in before sign-in checked the role would be) opens no page: it is sent
    // to sign in again. The cookie is made with the host's own ticket format, as the sign-in would have made it.
    [Fact]
    public async Task APageRefusesACookieWhoseRoleDoesNotRead()
    {
        Assert.Equal(["Admin", "Experimenter", "Reviewer", "Viewer"], DashboardSignIn.ReadingRoles);
        var options = _app!.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(DashboardSignIn.Scheme);
        var ticket = options.TicketDataFormat.Protect(new AuthenticationTicket(CallerClaims.ToPrincipal(Service, DashboardSignIn.Scheme), DashboardSignIn.Scheme));
        _cookies.Add(_http.BaseAddress!, new Cookie("experimentation.dashboard", ticket));

        using var response = await _http.GetAsync("/experiments");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task AKnownKeyBecomesAnHttpOnlyCookieThatOpensThePagesAndSignOutEndsIt()
    {
        using (var signedIn = await PostKeyAsync(Key))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal("/", new Uri(_http.BaseAddress!, signedIn.Headers.Location!).AbsolutePath);
        }
        var cookie = Assert.Single(_cookies.GetAllCookies(), c => c.Name == "experimentation.dashboard");
        Assert.True(cookie.HttpOnly);
        Assert.DoesNotContain(Key, cookie.Value);
        using (var page = await _http.GetAsync("/experiments")) Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        using (var signedOut = await _http.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string>
               { ["__RequestVerificationToken"] = await TokenAsync() })))
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        using var after = await _http.GetAsync("/experiments");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public void TheCookiesClaimsGiveBackTheSameCaller()
    {
        Assert.Equal(Experimenter, CallerClaims.FromPrincipal(CallerClaims.ToPrincipal(Experimenter, DashboardSignIn.Scheme)));
        var admin = new Caller("key-0", "root", null, Role.Admin);
        Assert.Equal(admin, CallerClaims.FromPrincipal(CallerClaims.ToPrincipal(admin, DashboardSignIn.Scheme)));
        Assert.Null(CallerClaims.FromPrincipal(new System.Security.Claims.ClaimsPrincipal()));
    }

    private async Task<HttpResponseMessage> PostKeyAsync(string key) =>
        await _http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["Input.Key"] = key,
            ["__RequestVerificationToken"] = await TokenAsync(),
        }));

    // The form's antiforgery token, as a browser gets it with the page (with its cookie in the container).
    private async Task<string> TokenAsync()
    {
        var html = await _http.GetStringAsync("/signin");
        return Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }

    /// <summary>The keys this installation knows.</summary>
    private sealed class Keys(Dictionary<string, Caller> callers) : IKeyVerifier
    {
        public Task<Caller?> VerifyAsync(string candidate, CancellationToken cancellationToken) =>
            Task.FromResult(callers.GetValueOrDefault(candidate));
    }
}
