namespace Experimentation.Statistics;

/// <summary>Which way a metric should move.</summary>
public enum MetricDirection
{
    /// <summary>An increase is good (conversion, revenue); a drop is harmful.</summary>
    HigherBetter = 0,

    /// <summary>A decrease is good (latency, errors); a rise is harmful.</summary>
    LowerBetter,
}
