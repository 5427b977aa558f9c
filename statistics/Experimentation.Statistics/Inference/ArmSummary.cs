namespace Experimentation.Statistics;

/// <summary>
/// What a two-sample test needs from one arm: n, the mean and the per-unit variance. Mean metrics, ratio metrics
/// (delta method) and conversions (Bernoulli) all reduce to this.
/// </summary>
public readonly record struct ArmSummary(long Count, double Mean, double Variance);
