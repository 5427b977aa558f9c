namespace Experimentation.Gateway.Host.Hosting;

/// <summary>How the gateway finds the silos, from the "Experimentation" section (the silos' own names).</summary>
public sealed class ClusterClientOptions
{
    public const string Section = "Experimentation";

    /// <summary>
    /// <c>postgres</c>: the active silos' gateway endpoints, read from the membership table in PostgreSQL (a cluster);
    /// <c>localhost</c>: one local silo at <see cref="GatewayPort"/>.
    /// </summary>
    public string Clustering { get; set; } = "postgres";

    /// <summary>Npgsql connection string of the silos' database, for <c>postgres</c> clustering.</summary>
    public string Postgres { get; set; } = "";

    public string ClusterId { get; set; } = "experimentation";

    public string ServiceId { get; set; } = "experimentation";

    /// <summary>The silo's Orleans gateway port, for <c>localhost</c> clustering.</summary>
    public int GatewayPort { get; set; } = 30000;
}
