namespace Experimentation.Grains.Config;

/// <summary>
/// What the config grain persists through ADO.NET grain storage: the version counter, so versions keep rising across
/// restarts, and the holdout share. The bundle's content is rebuilt from Marten, the source of truth.
/// </summary>
[GenerateSerializer]
public sealed class ConfigState
{
    [Id(0)] public long Version { get; set; }
    [Id(1)] public int HoldoutBasisPoints { get; set; }
}
