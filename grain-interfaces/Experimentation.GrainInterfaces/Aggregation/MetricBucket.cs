namespace Experimentation.GrainInterfaces.Aggregation;

/// <summary>The sums of one metric over the users first exposed on <see cref="Day"/> (UTC).</summary>
[GenerateSerializer, Immutable]
public sealed record MetricBucket([property: Id(0)] string MetricKey, [property: Id(1)] DateOnly Day, [property: Id(2)] MetricSums Sums);
