namespace Experimentation.Statistics.Reports;

/// <summary>The power check against the MDE.</summary>
public sealed record PowerReport
{
    /// <summary>Null, or why there is no required sample size: no_mde, zero_baseline (relative MDE), too_few_units.</summary>
    /// <example>null</example>
    public required string? Error { get; init; }

    /// <summary>The MDE on the metric's scale that the sample size is for.</summary>
    /// <example>0.0059</example>
    public required double? MdeAbsolute { get; init; }

    /// <summary>n per arm to detect the MDE at the planned power, from the control's variance.</summary>
    /// <example>47098</example>
    public required long? RequiredSampleSizePerArm { get; init; }

    /// <summary>The smaller of the two arms is below the required n.</summary>
    /// <example>true</example>
    public required bool Underpowered { get; init; }
}
