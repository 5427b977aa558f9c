namespace Experimentation.Statistics;

/// <summary>Decides the significance badge.</summary>
public static class BadgeRules
{
    /// <summary>
    /// SRM outranks everything, since a broken split invalidates every number; underpowered overrides the p-value,
    /// since a fixed-horizon p read before the planned sample is peeking; otherwise p &lt; α decides. A NaN p
    /// (no test) is not significant.
    /// </summary>
    public static SignificanceBadge Decide(bool sampleRatioMismatch, bool underpowered, double pValue, double alpha)
    {
        if (sampleRatioMismatch) return SignificanceBadge.SrmWarning;
        if (underpowered) return SignificanceBadge.Underpowered;
        return pValue < alpha ? SignificanceBadge.Significant : SignificanceBadge.NotSignificant;
    }
}
