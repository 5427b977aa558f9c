using System.Text.Json;
using System.Text.Json.Serialization;
using Experimentation.Client.Config;
using Experimentation.Gateway.Apis;
using Experimentation.Gateway.Config;
using Experimentation.Gateway.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
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
        services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        // Binding failures throw, so the exception handler can name the field instead of sending an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        services.AddOpenApi();
        services.AddSingleton<ConfigSnapshotCache>();
        services.AddHostedService<ConfigCacheService>();
        return services;
    }

    public static WebApplication MapExperimentationGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapScalarApiReference("/docs");
        app.MapExperimentsApi();
        app.MapMetricsApi();
        app.MapNamespacesApi();
        app.MapConfigApi();
        app.MapAssignApi();
        app.MapAnalysisApi();
        app.MapPowerApi();
        app.MapEventsApi();
        app.MapResultsApi();
        app.MapHoldoutApi();
        app.MapWebhooksApi();
        return app;
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
