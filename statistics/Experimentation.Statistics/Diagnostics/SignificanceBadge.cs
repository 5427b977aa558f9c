namespace Experimentation.Statistics;

/// <summary>The badge shown beside a result. Precedence: SRM, then underpowered, then the p-value.</summary>
public enum SignificanceBadge
{
    /// <summary>p &lt; α, with enough units and no SRM.</summary>
    Significant = 0,

    /// <summary>p ≥ α (or no test could run), with enough units and no SRM.</summary>
    NotSignificant,

    /// <summary>An arm has fewer units than the configured MDE requires, whatever p is.</summary>
    Underpowered,

    /// <summary>The exposed counts do not match the weights (p &lt; 0.001); the result cannot be trusted at all.</summary>
    SrmWarning,
}
