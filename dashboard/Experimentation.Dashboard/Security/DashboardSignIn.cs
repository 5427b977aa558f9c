using Experimentation.Dashboard.Components;
using Experimentation.GrainInterfaces.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Experimentation.Dashboard.Security;

/// <summary>
/// Sign-in with an API key that becomes an auth cookie of the dashboard's own scheme. It is on exactly when an
/// <see cref="IKeyVerifier"/> is registered; the scheme is never the default, so the API's Bearer scheme is untouched.
/// </summary>
public static class DashboardSignIn
{
    public const string Scheme = "Experimentation.Dashboard";
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";

    /// <summary>How long a signed-in browser stays signed in without using the dashboard.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(8);

    public static bool IsEnabled(IServiceProvider services) => services.GetService<IKeyVerifier>() is not null;

    internal static void AddServices(IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.LoginPath = SignInPath;
            // A cookie whose role may not read (signed in before the role check) is sent to sign in with another key.
            o.AccessDeniedPath = SignInPath;
            o.Cookie.Name = "experimentation.dashboard";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = IdleTimeout;
            o.SlidingExpiration = true;
        });
        services.AddAuthorization();
    }

    /// <summary>The roles that read, and so may use the dashboard: every role but the SDK's.</summary>
    public static readonly string[] ReadingRoles =
        Enum.GetValues<Role>().Where(r => r != Role.Sdk).Select(r => r.ToString()).ToArray();

    /// <summary>
    /// Requires the cookie of a reading role on every page (the sign-in page allows anonymous) and maps sign-out. The
    /// role is checked here as well as at sign-in, so a cookie can never open a page its role may not read.
    /// </summary>
    internal static void Map(RazorComponentsEndpointConventionBuilder components, IEndpointRouteBuilder app)
    {
        components.RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = Scheme, Roles = string.Join(",", ReadingRoles) });
        app.MapPost(SignOutPath, (Func<HttpContext, Task<IResult>>)SignOut).WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
    }

    /// <summary>Verifies the key and writes the cookie, unless the verifier does not know it or its role does not read.</summary>
    public static async Task<SignInOutcome> SignInAsync(HttpContext http, IKeyVerifier verifier, string key)
    {
        if (string.IsNullOrWhiteSpace(key) || await verifier.VerifyAsync(key.Trim(), http.RequestAborted) is not { } caller)
            return SignInOutcome.Unknown;
        // An SDK key reads the config and posts events, nothing the dashboard shows (the API refuses it every read).
        if (caller.Role == Role.Sdk) return SignInOutcome.NotForTheDashboard;
        await http.SignInAsync(Scheme, CallerClaims.ToPrincipal(caller, Scheme));
        return SignInOutcome.SignedIn;
    }

    private static async Task<IResult> SignOut(HttpContext http)
    {
        await http.SignOutAsync(Scheme);
        return TypedResults.LocalRedirect(SignInPath);
    }
}
