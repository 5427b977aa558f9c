using System.ComponentModel.DataAnnotations;

namespace Experimentation.Silo.Hosting;

/// <summary>Settings of the silo, bound from the "Experimentation" section and EXPERIMENTATION_* variables.</summary>
public sealed class ExperimentationOptions
{
    public const string Section = "Experimentation";

    /// <summary>Npgsql connection string; scripts/run.sh sets it through EXPERIMENTATION_POSTGRES.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Postgres { get; set; } = "";

    /// <summary>Orleans cluster id; silos with the same id form one cluster.</summary>
    public string ClusterId { get; set; } = "experimentation";

    /// <summary>Orleans service id; grain state is keyed by it, so keep it stable across deployments.</summary>
    public string ServiceId { get; set; } = "experimentation";

    /// <summary>Silo-to-silo port (Orleans' default), configurable so two local silos can run side by side.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port embedded Orleans clients connect to (Orleans' default).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// How silos find each other: <c>localhost</c> (the default run's one silo) or <c>postgres</c> (a cluster, with
    /// membership in the same PostgreSQL; docs/hosting.md, "A cluster").
    /// </summary>
    [AllowedValues("localhost", "postgres")]
    public string Clustering { get; set; } = "localhost";

    /// <summary>This silo's name in the membership table and its logs (Orleans picks one when empty).</summary>
    public string SiloName { get; set; } = "";

    /// <summary>The address other silos and clients reach this silo at, with <c>postgres</c> clustering.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// <c>kubernetes</c> adds Orleans' Kubernetes hosting (pod name, address and cluster labels from the downward API,
    /// and removal of pods Kubernetes has deleted); it aborts outside Kubernetes, so it is off by default.
    /// </summary>
    [AllowedValues("", "kubernetes")]
    public string Hosting { get; set; } = "";

    /// <summary>
    /// Where the host serves the Orleans Dashboard (grains, calls, silos, reminders), for the installation admin's key
    /// only; empty turns it off (docs/observability.md).
    /// </summary>
    public string OrleansDashboardPath { get; set; } = "/orleans-dashboard";
}
