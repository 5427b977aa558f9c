namespace Experimentation.Client.Config;

/// <summary>What <see cref="ConfigSnapshotCache.Apply"/> did with a bundle.</summary>
public enum ConfigUpdateOutcome
{
    /// <summary>The bundle was newer and is now the snapshot.</summary>
    Applied,

    /// <summary>The snapshot already had this version or a later one.</summary>
    NotNewer,

    /// <summary>The bundle could not be parsed or failed validation; the previous snapshot stays.</summary>
    Rejected,
}
