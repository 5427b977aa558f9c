using Npgsql;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Experimentation.Silo.Hosting;

/// <summary>OpenTelemetry and health checks, in the manner of eShop's service defaults.</summary>
public static class ServiceDefaults
{
    public const string ServiceName = "experimentation";

    /// <summary>Readiness: PostgreSQL answers and a grain call round-trips (k8s readinessProbe).</summary>
    public const string HealthPath = "/health";

    /// <summary>Liveness: the process answers (k8s livenessProbe and startupProbe).</summary>
    public const string AlivePath = "/alive";

    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(t => t
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                // Every PostgreSQL command as a span (Npgsql.OpenTelemetry): the shard commits, Marten, the Orleans tables.
                .AddNpgsql()
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !IsProbe(ctx.Request.Path)))
            .WithMetrics(m => m
                .AddMeter("Microsoft.Orleans", Experimentation.Grains.Observability.DomainMeters.Name)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation());
        // Export only when an OTLP endpoint is configured, so a laptop run does not retry a missing collector.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.UseOtlpExporter();

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"])
            .AddCheck<PostgresHealthCheck>("postgres")
            .AddCheck<SiloHealthCheck>("orleans");
        return builder;
    }

    /// <summary>/alive answers while the process runs; /health also checks PostgreSQL and the silo.</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath).ExcludeFromDescription().AllowAnonymous();
        app.MapHealthChecks(AlivePath, new() { Predicate = r => r.Tags.Contains("live") }).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    private static bool IsProbe(PathString path) => path.StartsWithSegments(HealthPath) || path.StartsWithSegments(AlivePath);
}
