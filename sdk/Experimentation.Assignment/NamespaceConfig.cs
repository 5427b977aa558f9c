namespace Experimentation.Assignment;

/// <summary>
/// A namespace (layer): users are hashed into <see cref="TotalSlots"/> slots with the namespace salt, and each
/// experiment in the namespace owns a disjoint slot range, so a user is in at most one experiment per layer.
/// </summary>
public sealed record NamespaceConfig
{
    /// <summary>The default number of slots, as in the product's data model.</summary>
    public const int DefaultTotalSlots = 1000;

    public string Key { get; init; } = "";

    /// <summary>Hash salt; when null the <see cref="Key"/> is the salt.</summary>
    public string? Salt { get; init; }

    /// <summary>Number of slots, 1..<see cref="AssignmentLimits.MaxTotalSlots"/>.</summary>
    public int TotalSlots { get; init; } = DefaultTotalSlots;
}
