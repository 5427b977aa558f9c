namespace Experimentation.Statistics;

/// <summary>Decides the significance badge.</summary>
public static class BadgeRules
{
    /// <summary>
    /// SRM outranks everything, since a broken split invalidates every number. In fixed-horizon mode underpowered
    /// then overrides the p-value, since a fixed-horizon p read before the planned sample is peeking. In sequential
    /// mode an always-valid p below α is significant at any sample size (that is what always-valid means), and only
    /// a result that is not yet significant is shown as underpowered. A NaN p (no test) is not significant.
    /// </summary>
    public static SignificanceBadge Decide(DecisionMode mode, bool sampleRatioMismatch, bool underpowered, double pValue, double alpha)
    {
        if (sampleRatioMismatch) return SignificanceBadge.SrmWarning;
        bool significant = pValue < alpha;
        if (mode == DecisionMode.Sequential && significant) return SignificanceBadge.Significant;
        if (underpowered) return SignificanceBadge.Underpowered;
        return significant ? SignificanceBadge.Significant : SignificanceBadge.NotSignificant;
    }
}
