using Experimentation.Dashboard.Components;
using Experimentation.Dashboard.Security;
using Experimentation.Dashboard.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace Experimentation.Dashboard;

/// <summary>
/// Wiring for the web UI: interactive server components over the same grains the API calls. A host that calls
/// AddExperimentationGateway/MapExperimentationGateway calls this pair too; the UI answers at / and the API keeps /api.
/// </summary>
public static class DashboardSetup
{
    public static WebApplicationBuilder AddExperimentationDashboard(this WebApplicationBuilder builder)
    {
        // From the build output (scripts/run.sh, the tests) the library's and packages' assets are found through the
        // static web assets manifest, which ASP.NET only reads by itself in Development; a published app ignores this.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddCascadingAuthenticationState();
        // The cookie scheme is registered always, so an IKeyVerifier registered after this call still turns sign-in on.
        DashboardSignIn.AddServices(builder.Services);
        // Sign-in is on wherever the gateway's key check is: the host's own keys are the dashboard's keys.
        builder.Services.TryAddSingleton<IKeyVerifier, GatewayKeyVerifier>();
        builder.Services.AddScoped<ICallerSource, ClaimsCallerSource>();
        builder.Services.AddScoped<DashboardGrains>();
        builder.Services.AddScoped<ViewerClock>();
        return builder;
    }

    public static WebApplication MapExperimentationDashboard(this WebApplication app)
    {
        app.UseAntiforgery();
        // Scripts and styles hold no data, and the sign-in page needs them: the gateway's fallback (installation admin
        // only, for whatever declares nothing) must not cover them.
        app.MapStaticAssets().AllowAnonymous();
        var components = app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        if (DashboardSignIn.IsEnabled(app.Services)) DashboardSignIn.Map(components, app);
        return app;
    }
}
