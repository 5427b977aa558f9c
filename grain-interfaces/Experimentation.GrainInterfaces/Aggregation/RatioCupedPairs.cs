namespace Experimentation.GrainInterfaces.Aggregation;

/// <summary>
/// The five pairs a ratio metric's CUPED keeps beside its (M, D) sums, each exact under merging and unmerging like every
/// <see cref="PairedSums"/>: (M', D') over the pre-period, then the cross pairs (M, M'), (M, D'), (D, M') and (D, D').
/// The engine takes each pair's co-moment; the means and variances come from (M, D) and (M', D').
/// </summary>
public static class RatioCupedPairs
{
    public const int Pre = 0, NumeratorPreNumerator = 1, NumeratorPreDenominator = 2, DenominatorPreNumerator = 3, DenominatorPreDenominator = 4;

    public const int Count = 5;

    /// <summary>One user's pairs, from their numerator and denominator after exposure and over the pre-period.</summary>
    public static PairedSums[] Of(double numerator, double denominator, double preNumerator, double preDenominator) =>
    [
        PairedSums.Of(preNumerator, preDenominator),
        PairedSums.Of(numerator, preNumerator),
        PairedSums.Of(numerator, preDenominator),
        PairedSums.Of(denominator, preNumerator),
        PairedSums.Of(denominator, preDenominator),
    ];

    /// <summary>The pairs of two disjoint sets of units merged, in a new array (a may be null: no units yet).</summary>
    public static PairedSums[] Merge(PairedSums[]? a, PairedSums[] b)
    {
        var result = new PairedSums[Count];
        for (int i = 0; i < Count; i++) result[i] = (a is null ? default : a[i]) + b[i];
        return result;
    }
}
