namespace Experimentation.GrainInterfaces.Metrics;

/// <summary>What a percentile metric takes the quantile of.</summary>
[GenerateSerializer]
public enum PercentileLevel
{
    /// <summary>Every post-exposure event of exposed users (each page load's latency); the default.</summary>
    Event,

    /// <summary>Every exposed user's value, the sum of their post-exposure events (0 without any).</summary>
    Unit,
}
