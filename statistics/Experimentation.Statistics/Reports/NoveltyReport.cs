namespace Experimentation.Statistics.Reports;

/// <summary>
/// The novelty check of one treatment: its relative effect over users' early windows (the first earlyDays days after
/// each user's first exposure) against the relative effect after them.
/// </summary>
public sealed record NoveltyReport
{
    /// <summary>Null, or why there is no test (too_few_units, zero_variance, undefined_ratio, invalid_input).</summary>
    /// <example>null</example>
    public required string? Error { get; init; }

    /// <summary>Days since each user's first exposure that count as early: 20% of the experiment window, at least 1.</summary>
    /// <example>2</example>
    public required int EarlyDays { get; init; }

    /// <summary>Relative effect in the early windows, a fraction.</summary>
    /// <example>0.31</example>
    public required double? EarlyEffect { get; init; }

    /// <summary>Relative effect after the early windows, a fraction.</summary>
    /// <example>0.01</example>
    public required double? LateEffect { get; init; }

    /// <summary>z of ln(1 + early) − ln(1 + late), with each arm's early–late covariance.</summary>
    /// <example>4.2</example>
    public required double? Z { get; init; }

    /// <summary>Two-sided p of z.</summary>
    /// <example>0.00003</example>
    public required double? PValue { get; init; }

    /// <summary>p below alpha and the early effect larger in magnitude than the late one: the effect fades.</summary>
    /// <example>true</example>
    public required bool Flagged { get; init; }
}
