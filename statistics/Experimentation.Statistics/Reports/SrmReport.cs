namespace Experimentation.Statistics.Reports;

/// <summary>The sample-ratio-mismatch check: χ² goodness of fit of the arms' units against the weights.</summary>
public sealed record SrmReport
{
    /// <summary>Null, or why chiSquared and pValue are null (invalid_input, too_few_units).</summary>
    /// <example>null</example>
    public required string? Error { get; init; }

    /// <summary>Σ (observed − expected)²/expected over the arms.</summary>
    /// <example>0.52</example>
    public required double? ChiSquared { get; init; }

    /// <summary>Arms − 1.</summary>
    /// <example>1</example>
    public required int DegreesOfFreedom { get; init; }

    /// <summary>The χ² goodness-of-fit p-value.</summary>
    /// <example>0.4708</example>
    public required double? PValue { get; init; }

    /// <summary>p below 0.001: the split is broken and every comparison's badge is srm_warning.</summary>
    /// <example>false</example>
    public required bool Flagged { get; init; }
}
