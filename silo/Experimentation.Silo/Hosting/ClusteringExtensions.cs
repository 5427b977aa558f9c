using System.Net;
using Orleans.Configuration;

namespace Experimentation.Silo.Hosting;

/// <summary>A silo that joins a cluster through the membership table in PostgreSQL (Sql/orleans-clustering.sql).</summary>
public static class ClusteringExtensions
{
    /// <summary>Membership timings, bound from here onto Orleans' <see cref="ClusterMembershipOptions"/>.</summary>
    public const string MembershipSection = "Experimentation:Membership";

    /// <summary>Messaging settings (for example ResponseTimeout), bound onto Orleans' <see cref="SiloMessagingOptions"/>.</summary>
    public const string MessagingSection = "Experimentation:Messaging";

    public static ISiloBuilder AddPostgresClustering(this ISiloBuilder silo, ExperimentationOptions options, string postgres)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        if (options.SiloName.Length > 0) silo.Configure<SiloOptions>(o => o.SiloName = options.SiloName);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = postgres;
        });
        if (options.Hosting == "kubernetes")
        {
            // Kubernetes hosting advertises POD_IP and listens on all interfaces, on these ports (k8s/base/silo.yaml).
            silo.Configure<EndpointOptions>(o =>
            {
                o.SiloPort = options.SiloPort;
                o.GatewayPort = options.GatewayPort;
            });
            silo.UseKubernetesHosting();
        }
        else
        {
            // Listen where we advertise: on loopback for a local cluster, so nothing outside the machine can join it.
            var address = IPAddress.Parse(options.AdvertisedAddress);
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = address;
                o.SiloPort = options.SiloPort;
                o.GatewayPort = options.GatewayPort;
                o.SiloListeningEndpoint = new IPEndPoint(address, options.SiloPort);
                o.GatewayListeningEndpoint = new IPEndPoint(address, options.GatewayPort);
            });
        }
        silo.Services.AddOptions<ClusterMembershipOptions>().BindConfiguration(MembershipSection);
        silo.Services.AddOptions<SiloMessagingOptions>().BindConfiguration(MessagingSection);
        return silo;
    }
}
