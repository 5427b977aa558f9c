namespace Experimentation.Statistics.Reports;

/// <summary>An interval; a bound is null when it could not be computed (or is unbounded).</summary>
public sealed record IntervalReport(double? Lower, double? Upper);
