using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Experimentation.Gateway.Host.Hosting;

/// <summary>The Orleans client the gateway's endpoints call grains through.</summary>
public static class ClusterClientExtensions
{
    public static WebApplicationBuilder AddClusterClient(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ClusterClientOptions.Section).Get<ClusterClientOptions>() ?? new();
        // EXPERIMENTATION_POSTGRES is the documented switch, as for the silo.
        if (string.IsNullOrEmpty(options.Postgres)) options.Postgres = builder.Configuration["EXPERIMENTATION_POSTGRES"] ?? "";
        Validate(options);

        builder.UseOrleansClient(client =>
        {
            if (options.Clustering == "localhost")
            {
                client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
            }
            else
            {
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = options.ClusterId;
                    o.ServiceId = options.ServiceId;
                });
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = options.Postgres;
                });
                // The membership table is re-read this often, so a new silo takes requests soon after it joins.
                client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            }
            // ResponseTimeout and the rest of Orleans' client messaging settings, under the silos' section name.
            client.Services.AddOptions<ClientMessagingOptions>().BindConfiguration("Experimentation:Messaging");
            // Start before the silos, or outlive all of them: keep trying instead of failing the host.
            client.UseConnectionRetryFilter(async (_, ct) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                return true;
            });
        });
        return builder;
    }

    private static void Validate(ClusterClientOptions options)
    {
        if (options.Clustering is not ("postgres" or "localhost"))
            throw new OptionsValidationException(nameof(ClusterClientOptions), typeof(ClusterClientOptions),
                [$"Experimentation:Clustering must be 'postgres' or 'localhost', not '{options.Clustering}'."]);
        if (options.Clustering == "postgres" && string.IsNullOrWhiteSpace(options.Postgres))
            throw new OptionsValidationException(nameof(ClusterClientOptions), typeof(ClusterClientOptions),
                ["Set EXPERIMENTATION_POSTGRES (or Experimentation:Postgres) to the silos' database; the gateway reads the silos' addresses there."]);
    }
}
