using Experimentation.Gateway.Contracts.Analysis;

namespace Experimentation.Gateway.Contracts.Power;

/// <summary>The sample-size and MDE calculator's answer.</summary>
public sealed record PowerResponse
{
    /// <summary>The metric type of the request.</summary>
    /// <example>conversion</example>
    public required AnalysisMetricType MetricType { get; init; }

    /// <summary>The significance level used.</summary>
    /// <example>0.05</example>
    public required double Alpha { get; init; }

    /// <summary>The planned power 1 − β.</summary>
    /// <example>0.8</example>
    public required double Power { get; init; }

    /// <summary>The baseline mean or rate.</summary>
    /// <example>0.12</example>
    public required double Baseline { get; init; }

    /// <summary>The per-unit variance planned with: sd², or p(1 − p) at the baseline rate.</summary>
    /// <example>0.1056</example>
    public required double Variance { get; init; }

    /// <summary>Present when mde was given.</summary>
    public SampleSizeResponse? SampleSize { get; init; }

    /// <summary>Present when sampleSizePerArm was given.</summary>
    public DetectableEffectResponse? Detectable { get; init; }
}

/// <summary>The units needed to detect the MDE.</summary>
public sealed record SampleSizeResponse
{
    /// <summary>The MDE on the metric's scale.</summary>
    /// <example>0.006</example>
    public required double MdeAbsolute { get; init; }

    /// <summary>Null when the baseline is 0.</summary>
    /// <example>0.05</example>
    public required double? MdeRelative { get; init; }

    /// <summary>n per arm, rounded up (after ignoring floating-point noise below 1e-10 relative).</summary>
    /// <example>23097</example>
    public required long PerArm { get; init; }

    /// <summary>The unrounded n per arm.</summary>
    /// <example>23096.61</example>
    public required double ExactPerArm { get; init; }

    /// <summary>perArm × arms.</summary>
    /// <example>46194</example>
    public required long Total { get; init; }
}

/// <summary>What a given n per arm can detect.</summary>
public sealed record DetectableEffectResponse
{
    /// <summary>The n per arm asked about.</summary>
    /// <example>20000</example>
    public required long SampleSizePerArm { get; init; }

    /// <summary>(z₁₋α/₂ + z₁₋β)·√(2σ²/n).</summary>
    /// <example>0.00644</example>
    public required double MdeAbsolute { get; init; }

    /// <summary>Null when the baseline is 0.</summary>
    /// <example>0.0537</example>
    public required double? MdeRelative { get; init; }

    /// <summary>The power to detect the requested mde with this n (two-sided); null without an mde.</summary>
    /// <example>0.74</example>
    public required double? PowerAtMde { get; init; }
}
