namespace Experimentation.Assignment;

/// <summary>A variant and its integer allocation weight; a weight of 0 keeps the variant but sends nobody to it.</summary>
public sealed record VariantConfig
{
    public string Key { get; init; } = "";

    /// <summary>Relative weight, ≥ 0. Shares are weight / sum of weights.</summary>
    public int Weight { get; init; }

    /// <summary>The variant's configuration as a JSON string, handed to the caller untouched.</summary>
    public string? ConfigJson { get; init; }
}
