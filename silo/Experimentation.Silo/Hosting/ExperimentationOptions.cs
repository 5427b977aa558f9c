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
}
