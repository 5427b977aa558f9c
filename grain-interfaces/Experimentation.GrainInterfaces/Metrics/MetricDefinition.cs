namespace Experimentation.GrainInterfaces.Metrics;

/// <summary>A metric in the registry. Ratio metrics name their numerator and denominator event types.</summary>
/// <param name="OwnerTeam">The team that registered it (null: the installation's). Any team may bind it to an experiment.</param>
/// <param name="Quantile">A percentile metric aggregating by <c>quantile</c>: q in (0, 1).</param>
/// <param name="Level">A percentile metric: the quantile of events (null is event level) or of users' values.</param>
[GenerateSerializer, Immutable]
public sealed record MetricDefinition(
    string Key,
    string Name,
    MetricType Type,
    string EventType,
    MetricAggregation Aggregation,
    string? NumeratorEventType,
    string? DenominatorEventType,
    DateTimeOffset CreatedAt,
    string? OwnerTeam = null,
    double? Quantile = null,
    PercentileLevel? Level = null)
{
    /// <summary>q of a percentile metric (0.5 for p50, …, or <see cref="Quantile"/>); NaN for other metrics.</summary>
    /// <remarks>Methods, not properties, so that the JSON of a definition (Marten, the API) holds only what was given.</remarks>
    public double QuantileLevel() => Aggregation switch
    {
        MetricAggregation.P50 => 0.5,
        MetricAggregation.P90 => 0.9,
        MetricAggregation.P95 => 0.95,
        MetricAggregation.P99 => 0.99,
        MetricAggregation.Quantile => Quantile ?? double.NaN,
        _ => double.NaN,
    };

    /// <summary>True for a percentile metric over users' values rather than events.</summary>
    public bool IsUnitLevel() => Type == MetricType.Percentile && Level == PercentileLevel.Unit;
}
