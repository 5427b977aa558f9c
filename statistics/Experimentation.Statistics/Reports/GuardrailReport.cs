namespace Experimentation.Statistics.Reports;

/// <summary>The guardrail verdict on one treatment.</summary>
public sealed record GuardrailReport
{
    /// <summary>Which way is good: higher_better or lower_better.</summary>
    /// <example>higher_better</example>
    public required string Direction { get; init; }

    /// <summary>The tolerated relative degradation.</summary>
    /// <example>0.05</example>
    public required double MaxDegradation { get; init; }

    /// <summary>Relative change in the harmful direction (negative when the metric improved); null without a lift.</summary>
    /// <example>-0.0254</example>
    public required double? Degradation { get; init; }

    /// <summary>Lower bound of the always-valid interval of the degradation; null when unbounded or undefined.</summary>
    /// <example>0.12</example>
    public double? Lower { get; init; }

    /// <summary>Upper bound of the always-valid interval of the degradation.</summary>
    /// <example>0.28</example>
    public double? Upper { get; init; }

    /// <summary>Degradation above maxDegradation and always-valid p below alpha.</summary>
    /// <example>false</example>
    public required bool Breached { get; init; }
}
