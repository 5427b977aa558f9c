namespace Experimentation.Assignment;

/// <summary>An experiment flattened for the hot path: salt bytes, cumulative weights and variant arrays.</summary>
internal sealed class CompiledExperiment
{
    public CompiledExperiment(ExperimentConfig config, CompiledNamespace? layer)
    {
        Key = config.Key;
        SaltPrefix = SaltEncoding.CreatePrefix(config.Salt ?? config.Key);
        Layer = layer;
        SlotStart = layer is null ? 0 : config.SlotStart;
        SlotEnd = layer is null ? 0 : config.SlotEnd;
        TrafficBasisPoints = config.TrafficBasisPoints;
        IsRunning = config.IsRunning;

        var variants = config.Variants;
        CumulativeWeights = new int[variants.Length];
        VariantKeys = new string[variants.Length];
        VariantConfigs = new string?[variants.Length];
        int total = 0;
        for (int i = 0; i < variants.Length; i++)
        {
            total += variants[i].Weight;
            CumulativeWeights[i] = total;
            VariantKeys[i] = variants[i].Key;
            VariantConfigs[i] = variants[i].ConfigJson;
        }
        TotalWeight = total;
    }

    public string Key { get; }
    public byte[] SaltPrefix { get; }

    /// <summary>The namespace it owns slots in, or null when it is its own layer.</summary>
    public CompiledNamespace? Layer { get; }
    public int SlotStart { get; }
    public int SlotEnd { get; }
    public int TrafficBasisPoints { get; }
    public bool IsRunning { get; }
    public int TotalWeight { get; }
    public int[] CumulativeWeights { get; }
    public string[] VariantKeys { get; }
    public string?[] VariantConfigs { get; }

    /// <summary>
    /// Traffic, then variant, from one hash salted with the experiment: the traffic bucket is the high word of
    /// h·10,000 and the variant bucket comes from the low word. The variant therefore does not depend on the
    /// traffic share, which is what makes ramps sticky.
    /// </summary>
    public AssignmentResult Decide(ulong experimentHash, int slot)
    {
        int trafficBucket = AssignmentHash.Reduce(experimentHash, AssignmentLimits.BasisPointsScale, out ulong rest);
        if (trafficBucket >= TrafficBasisPoints)
            return AssignmentResult.Default(AssignmentReason.NotInTraffic, Key, slot);

        int variantBucket = AssignmentHash.Reduce(rest, TotalWeight);
        int[] cumulative = CumulativeWeights;
        int index = 0;
        // A linear scan: experiments have a handful of variants, and zero-weight ones are skipped naturally
        // because their cumulative bound equals the previous one.
        while (variantBucket >= cumulative[index])
            index++;
        return new AssignmentResult(AssignmentReason.Assigned, Key, VariantKeys[index], VariantConfigs[index], slot);
    }
}
