namespace Experimentation.Assignment.Tests;

/// <summary>Small bundle builders shared by the tests.</summary>
internal static class Bundles
{
    public static VariantConfig[] Variants(params int[] weights) =>
        weights.Select((weight, i) => new VariantConfig { Key = $"v{i}", Weight = weight, ConfigJson = $$"""{"index":{{i}}}""" }).ToArray();

    public static ExperimentConfig Experiment(string key, string? layer, int start, int end, int traffic = 10_000, params int[] weights) => new()
    {
        Key = key,
        Namespace = layer,
        SlotStart = start,
        SlotEnd = end,
        TrafficBasisPoints = traffic,
        Variants = Variants(weights.Length == 0 ? [1, 1] : weights),
    };

    /// <summary>Two layers of 1,000 slots, two experiments in the first, one in the second, one without a layer.</summary>
    public static ConfigBundle Typical(int holdoutBasisPoints = 0) => new()
    {
        Version = 7,
        HoldoutBasisPoints = holdoutBasisPoints,
        Namespaces = [new NamespaceConfig { Key = "checkout" }, new NamespaceConfig { Key = "search" }],
        Experiments =
        [
            Experiment("button", "checkout", 0, 400),
            Experiment("copy", "checkout", 400, 700, 5_000, 1, 1, 1),
            Experiment("ranker", "search", 100, 900),
            Experiment("dark-mode", null, 0, 0, 3_000),
        ],
    };

    /// <summary>Writes "user-{i}" into a caller buffer, so the million-user tests allocate nothing per user.</summary>
    public static ReadOnlySpan<char> UserId(Span<char> buffer, string prefix, int i)
    {
        prefix.CopyTo(buffer);
        i.TryFormat(buffer[prefix.Length..], out int written);
        return buffer[..(prefix.Length + written)];
    }
}
