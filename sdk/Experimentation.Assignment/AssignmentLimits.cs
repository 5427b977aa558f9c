namespace Experimentation.Assignment;

/// <summary>
/// Bounds that are part of the assignment contract: other languages reproduce them, and they let every hash
/// input fit in one stack buffer so assignment never allocates.
/// </summary>
public static class AssignmentLimits
{
    /// <summary>Longest accepted user id, in UTF-8 bytes. Longer ids get <see cref="AssignmentReason.InvalidUserId"/>.</summary>
    public const int MaxUserIdUtf8Bytes = 256;

    /// <summary>Longest salt (namespace, experiment or holdout), in UTF-8 bytes; longer ones fail validation.</summary>
    public const int MaxSaltUtf8Bytes = 128;

    /// <summary>Largest namespace; the snapshot keeps one owner reference per slot.</summary>
    public const int MaxTotalSlots = 100_000;

    /// <summary>Traffic and holdout shares are integers out of this scale (basis points: 10,000 = 100 %).</summary>
    public const int BasisPointsScale = 10_000;

    /// <summary>Largest sum of variant weights; keeps cumulative weights far from int overflow.</summary>
    public const int MaxTotalWeight = 1_000_000;
}
