namespace Experimentation.Statistics;

/// <summary>
/// What the mSPRT carries from one look to the next: the running minimum of the p-value and the running
/// intersection of the CIs. A plain value, so a grain can persist it and pass it back on the next look.
/// </summary>
/// <remarks>
/// Unbounded is ±<see cref="double.MaxValue"/> rather than ±∞ so that the state serializes to plain JSON numbers.
/// A state with <see cref="Looks"/> = 0 (including <c>default</c>) is treated as <see cref="Initial"/>.
/// </remarks>
/// <param name="Looks">Looks folded in so far.</param>
/// <param name="AlwaysValidPValue">min over looks of 1/Λ, starting at 1.</param>
/// <param name="Lower">Lower bound of the running CI intersection.</param>
/// <param name="Upper">Upper bound of the running CI intersection.</param>
public readonly record struct SequentialState(int Looks, double AlwaysValidPValue, double Lower, double Upper)
{
    /// <summary>Before the first look: p = 1 and the CI is the whole line.</summary>
    public static SequentialState Initial => new(0, 1.0, -double.MaxValue, double.MaxValue);

    /// <summary>The running CI intersection.</summary>
    public Interval ConfidenceInterval => new(Lower, Upper);

    internal SequentialState Normalized => Looks <= 0 ? Initial : this;
}
