namespace Experimentation.Assignment;

/// <summary>
/// One experiment as the assignment function sees it. With a <see cref="Namespace"/> it owns the slot range
/// [<see cref="SlotStart"/>, <see cref="SlotEnd"/>) of that layer; without one it is a layer of its own and
/// takes its traffic share of all users, independently of every other experiment.
/// </summary>
public sealed record ExperimentConfig
{
    public string Key { get; init; } = "";

    /// <summary>Key of the namespace (layer) it lives in, or null for a layer of its own.</summary>
    public string? Namespace { get; init; }

    /// <summary>Salt of the traffic and variant hash; when null the <see cref="Key"/> is the salt.</summary>
    public string? Salt { get; init; }

    /// <summary>First owned slot (inclusive). Ignored without a namespace.</summary>
    public int SlotStart { get; init; }

    /// <summary>End of the owned slots (exclusive). Ignored without a namespace.</summary>
    public int SlotEnd { get; init; }

    /// <summary>
    /// Share of the users in the slot range (or of all users, without a namespace) who enter, in basis points
    /// 0..10,000. Raising it only adds users: those already in keep their variant.
    /// </summary>
    public int TrafficBasisPoints { get; init; } = AssignmentLimits.BasisPointsScale;

    /// <summary>Only running experiments assign users and own slots.</summary>
    public bool IsRunning { get; init; } = true;

    /// <summary>Variants in allocation order; the order is part of the assignment, so never reorder them.</summary>
    public VariantConfig[] Variants { get; init; } = [];
}
