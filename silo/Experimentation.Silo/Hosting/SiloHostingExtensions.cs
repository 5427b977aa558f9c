using Experimentation.Gateway.Security;
using Orleans.Dashboard;
using Experimentation.Silo.Persistence;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Experimentation.Silo.Hosting;

/// <summary>
/// Wires the Orleans silo: one silo with localhost clustering by default, or a member of a cluster whose membership is
/// in PostgreSQL (<c>Experimentation:Clustering</c> = <c>postgres</c>); state on PostgreSQL either way.
/// </summary>
public static class SiloHostingExtensions
{
    /// <summary>How long a stopping silo may take to hand off; Kubernetes' grace period must be longer (k8s/base/silo.yaml).</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(45);

    public static WebApplicationBuilder AddExperimentationSilo(this WebApplicationBuilder builder)
    {
        // EXPERIMENTATION_POSTGRES is the documented switch; the section form works in appsettings and Kubernetes.
        var postgres = builder.Configuration[$"{ExperimentationOptions.Section}:Postgres"]
            ?? builder.Configuration["EXPERIMENTATION_POSTGRES"] ?? "";
        builder.Services.AddOptions<ExperimentationOptions>()
            .BindConfiguration(ExperimentationOptions.Section)
            .PostConfigure(o => o.Postgres = string.IsNullOrEmpty(o.Postgres) ? postgres : o.Postgres)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (string.IsNullOrWhiteSpace(postgres))
            throw new OptionsValidationException(nameof(ExperimentationOptions), typeof(ExperimentationOptions),
                ["Set EXPERIMENTATION_POSTGRES (or Experimentation:Postgres) to an Npgsql connection string; scripts/run.sh does."]);

        var options = builder.Configuration.GetSection(ExperimentationOptions.Section).Get<ExperimentationOptions>() ?? new();
        builder.UseOrleans(silo =>
        {
            if (options.Clustering == "postgres") silo.AddPostgresClustering(options, postgres);
            else silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            silo.AddExperimentation(postgres);
            if (!string.IsNullOrEmpty(options.OrleansDashboardPath)) silo.AddDashboard();
        });
        // A stopping silo deactivates its grains, and the shards commit what they have queued first (graceful
        // hand-off, docs/hosting.md); the host must give it that long. Kubernetes' grace period is longer still.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        return builder;
    }

    /// <summary>
    /// Maps the Orleans Dashboard at its configured path for the installation admin only: it shows every grain's
    /// calls and state, so it gets the access level of the other installation-wide pages. Not part of the API's
    /// OpenAPI document.
    /// </summary>
    public static WebApplication MapOrleansDashboardForAdmins(this WebApplication app)
    {
        var path = app.Services.GetRequiredService<IOptions<ExperimentationOptions>>().Value.OrleansDashboardPath;
        if (string.IsNullOrEmpty(path)) return app;
        app.MapOrleansDashboard(path).RequireAccess(Access.InstallationAdmin).ExcludeFromDescription();
        return app;
    }
}
