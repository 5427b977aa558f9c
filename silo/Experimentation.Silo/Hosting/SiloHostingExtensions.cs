using Experimentation.Silo.Persistence;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Experimentation.Silo.Hosting;

/// <summary>Wires the Orleans silo of the default run: one silo, localhost clustering, state on PostgreSQL.</summary>
public static class SiloHostingExtensions
{
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
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            silo.AddExperimentation(postgres);
        });
        return builder;
    }
}
