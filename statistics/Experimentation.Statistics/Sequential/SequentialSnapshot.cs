namespace Experimentation.Statistics;

/// <summary>One stored look for the boundary chart: the effect, its standard error and the units so far.</summary>
public readonly record struct SequentialSnapshot(DateTimeOffset At, double Delta, double StandardError, long TotalUnits);
