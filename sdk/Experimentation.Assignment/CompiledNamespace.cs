namespace Experimentation.Assignment;

/// <summary>A layer flattened for the hot path: its salt bytes and a slot → running experiment table.</summary>
internal sealed class CompiledNamespace
{
    public CompiledNamespace(NamespaceConfig config)
    {
        Key = config.Key;
        SaltPrefix = SaltEncoding.CreatePrefix(config.Salt ?? config.Key);
        TotalSlots = config.TotalSlots;
        SlotOwners = new CompiledExperiment?[config.TotalSlots];
    }

    public string Key { get; }
    public byte[] SaltPrefix { get; }
    public int TotalSlots { get; }

    /// <summary>
    /// One entry per slot: a direct index is O(1) and branch-free, and at most
    /// <see cref="AssignmentLimits.MaxTotalSlots"/> references is a small price for it.
    /// </summary>
    public CompiledExperiment?[] SlotOwners { get; }

    internal void Claim(CompiledExperiment experiment)
    {
        for (int slot = experiment.SlotStart; slot < experiment.SlotEnd; slot++)
            SlotOwners[slot] = experiment;
    }
}
