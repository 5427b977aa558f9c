namespace Experimentation.Statistics;

/// <summary>Sufficient statistics of a conversion metric for one arm: units and converted units.</summary>
/// <param name="Count">The number of units (n).</param>
/// <param name="Conversions">The number of converted units (c), 0 ≤ c ≤ n.</param>
public readonly record struct Proportion(long Count, long Conversions)
{
    /// <summary>The conversion rate c/n; NaN for an empty arm.</summary>
    public double Rate => Count == 0 ? double.NaN : (double)Conversions / Count;

    /// <summary>Merges two disjoint samples.</summary>
    public static Proportion operator +(Proportion a, Proportion b) =>
        new(a.Count + b.Count, a.Conversions + b.Conversions);

    /// <summary>
    /// The per-arm summary with the Bernoulli variance p(1 − p), the unpooled variance the rate-difference CI uses.
    /// </summary>
    public ArmSummary ToSummary()
    {
        double p = Rate;
        return new ArmSummary(Count, p, p * (1 - p));
    }
}
