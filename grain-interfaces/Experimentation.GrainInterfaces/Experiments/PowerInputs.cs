namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>
/// The author's planning inputs for the first primary metric, read by the pre-launch checks (docs/experiments.md,
/// "Pre-launch checks"). Each is optional: without a baseline the checks take the metric's recent data.
/// </summary>
/// <param name="Baseline">The control's expected value: a rate in (0, 1) for a conversion metric, else a mean.</param>
/// <param name="StandardDeviation">The per-user standard deviation of a mean or ratio metric (a conversion derives it).</param>
/// <param name="ExpectedDailyUsers">New users a day who reach the experiment, before trafficPercent and namespace slots.</param>
[GenerateSerializer, Immutable]
public sealed record PowerInputs(double? Baseline, double? StandardDeviation, long? ExpectedDailyUsers);
