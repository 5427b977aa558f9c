using Experimentation.GrainInterfaces.Aggregation;

namespace Experimentation.Gateway.Results;

/// <summary>GET /api/experiments/{key}/results. Numbers that are undefined for the data (n &lt; 2, zero variance) are null.</summary>
/// <param name="AsOf">Commit time of the newest event folded into these results.</param>
public sealed record ResultsResponse(
    string Experiment,
    string Status,
    DateTimeOffset? AsOf,
    VariantExposure[] Variants,
    SrmResponse Srm,
    MismatchCounts Mismatches,
    MetricResults[] Metrics);

/// <summary>Exposed users of one variant.</summary>
public sealed record VariantExposure(string Key, bool IsControl, int Weight, long ExposedUsers);

/// <summary>The χ² goodness-of-fit of exposed counts against the variants' weights; flagged below p = 0.001.</summary>
public sealed record SrmResponse(double? ChiSquared, double? PValue, bool IsMismatch);

/// <summary>One bound metric: its value per variant, and each treatment against control.</summary>
public sealed record MetricResults(
    string MetricKey,
    string Type,
    string Role,
    string Direction,
    MetricVariant[] Variants,
    Comparison[] Comparisons,
    string? Error);

/// <summary>A variant's users in the metric, its value (mean, rate or ratio), and the sufficient statistics behind it.</summary>
public sealed record MetricVariant(string Variant, long Users, double? Value, MetricSums Statistics);

/// <summary>Treatment against control for one metric. Relative figures are percentages.</summary>
public sealed record Comparison(
    string Treatment,
    string Control,
    string? Error,
    double? AbsoluteLift,
    double?[] AbsoluteCi,
    double? RelativeLiftPercent,
    double?[] RelativeCiPercent,
    string Test,
    double? Statistic,
    double? DegreesOfFreedom,
    double? PValue,
    double? AdjustedPValue,
    double? AlwaysValidPValue,
    double?[] AlwaysValidCi,
    string Badge,
    long? RequiredSampleSizePerArm,
    bool Underpowered,
    bool SrmMismatch,
    NoveltyResponse? Novelty,
    GuardrailResponse? Guardrail);

/// <summary>The early-versus-late effect test over days of exposure.</summary>
public sealed record NoveltyResponse(bool Flagged, double? EarlyEffect, double? LateEffect, double? PValue);

/// <summary>A guardrail's verdict: breached when harm exceeds the tolerance with always-valid p &lt; 0.05.</summary>
public sealed record GuardrailResponse(bool Breached, double? Degradation, double MaxDegradation);

/// <summary>GET /api/experiments/{key}/results/sequential: one boundary chart per metric and treatment.</summary>
public sealed record SequentialResponse(string Experiment, DateTimeOffset? AsOf, SequentialSeries[] Series);

/// <summary>The mSPRT over cumulative days of exposure, against the 1/α boundary.</summary>
public sealed record SequentialSeries(string MetricKey, string Treatment, string Control, SequentialPoint[] Points);

/// <summary>One look: after the users first exposed up to <paramref name="Day"/>.</summary>
public sealed record SequentialPoint(DateOnly Day, long Users, double? Delta, double? Lambda, double Boundary,
    double? AlwaysValidPValue, double?[] AlwaysValidCi, bool Crossed);
