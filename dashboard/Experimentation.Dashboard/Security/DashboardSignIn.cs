using Experimentation.Dashboard.Components;
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
            o.Cookie.Name = "experimentation.dashboard";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = IdleTimeout;
            o.SlidingExpiration = true;
        });
        services.AddAuthorization();
    }

    /// <summary>Requires the cookie on every page (the sign-in page allows anonymous) and maps sign-out.</summary>
    internal static void Map(RazorComponentsEndpointConventionBuilder components, IEndpointRouteBuilder app)
    {
        components.RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = Scheme });
        app.MapPost(SignOutPath, (Func<HttpContext, Task<IResult>>)SignOut).WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
    }

    /// <summary>Verifies the key and writes the cookie; false for a key the verifier does not know.</summary>
    public static async Task<bool> SignInAsync(HttpContext http, IKeyVerifier verifier, string key)
    {
        if (string.IsNullOrWhiteSpace(key) || await verifier.VerifyAsync(key.Trim(), http.RequestAborted) is not { } caller) return false;
        await http.SignInAsync(Scheme, CallerClaims.ToPrincipal(caller, Scheme));
        return true;
    }

    private static async Task<IResult> SignOut(HttpContext http)
    {
        await http.SignOutAsync(Scheme);
        return TypedResults.LocalRedirect(SignInPath);
    }
}
