using System.Text.Json;
using System.Text.Json.Serialization;
using Experimentation.Client.Config;
using Experimentation.Gateway.Apis;
using Experimentation.Gateway.Config;
using Experimentation.Gateway.OpenApi;
using Experimentation.Gateway.Problems;
using Experimentation.Gateway.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;

namespace Experimentation.Gateway;

/// <summary>Wiring for the HTTP gateway; the host supplies an IGrainFactory (a co-hosted silo or a cluster client).</summary>
public static class GatewaySetup
{
    /// <summary>Bodies above this are refused with 413 before they are read (events get their own limit).</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static IServiceCollection AddExperimentationGateway(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<OutageExceptionHandler>();
        services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        // Binding failures throw, so the exception handler can name the field instead of sending an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        services.AddExperimentationOpenApi();
        services.AddSingleton<ConfigSnapshotCache>();
        services.AddHostedService<ConfigCacheService>();
        AddSecurity(services);
        return services;
    }

    public static WebApplication MapExperimentationGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // After routing (implicit here), so the limiter and authorization see the endpoint; the limiter after
        // authorization, so it partitions by an accepted key and unauthenticated floods never reach it.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<CallerContextMiddleware>();
        // The API description and its page are public, like the health probes (docs/security.md).
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/docs").AllowAnonymous();
        var api = app.MapGroup("");
        EndpointAccess.Apply(api);
        api.MapExperimentsApi();
        api.MapReviewApi();
        api.MapMetricsApi();
        api.MapNamespacesApi();
        api.MapConfigApi();
        api.MapAssignApi();
        api.MapAnalysisApi();
        api.MapPowerApi();
        api.MapEventsApi();
        api.MapResultsApi();
        api.MapHoldoutApi();
        api.MapWebhooksApi();
        api.MapTeamsApi();
        api.MapUsersApi();
        api.MapKeysApi();
        api.MapAuditApi();
        return app;
    }

    // Every request needs a key (the fallback policy) unless its endpoint says otherwise; docs/security.md has the model.
    private static void AddSecurity(IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<VerifiedKeys>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(Access.AddPolicies);
        services.AddSingleton<IAuthorizationHandler, RoleRequirementHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthProblems>();
        RateLimits.AddPolicies(services);
        services.AddHostedService<AdminKeyBootstrap>();
    }

    /// <summary>
    /// Enums travel as snake_case strings (higher_better); numbers for enums are refused. Numbers are JSON numbers
    /// only: the web default also reads "0.05" as a number, which hides wrong types and makes OpenAPI document every
    /// number as "number or string".
    /// </summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
    }
}
