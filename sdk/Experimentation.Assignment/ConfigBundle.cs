namespace Experimentation.Assignment;

/// <summary>
/// The plain, serializable description of everything assignment needs: the global holdout, the namespaces
/// (layers) and the experiments. The config service ships this over HTTP and Orleans;
/// <see cref="AssignmentSnapshot.Compile"/> turns it into the immutable structure that <c>Assign</c> reads.
/// </summary>
/// <remarks>
/// Kept deliberately dull (public init properties, arrays, strings, ints) so that System.Text.Json can
/// round-trip it and Orleans attributes can be added later without reshaping it.
/// </remarks>
public sealed record ConfigBundle
{
    /// <summary>The salt of the global holdout when none is configured.</summary>
    public const string DefaultHoldoutSalt = "global-holdout";

    /// <summary>Monotonic version of the bundle, chosen by the config service; copied into the snapshot.</summary>
    public long Version { get; init; }

    /// <summary>Share of all users, in basis points (0..10,000; 150 = 1.5 %), who see no experiment at all.</summary>
    public int HoldoutBasisPoints { get; init; }

    /// <summary>Salt of the holdout hash. Changing it reshuffles who is held out.</summary>
    public string HoldoutSalt { get; init; } = DefaultHoldoutSalt;

    public NamespaceConfig[] Namespaces { get; init; } = [];

    public ExperimentConfig[] Experiments { get; init; } = [];
}
