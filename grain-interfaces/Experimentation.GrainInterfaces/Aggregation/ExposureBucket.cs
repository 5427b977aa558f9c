namespace Experimentation.GrainInterfaces.Aggregation;

/// <summary>The number of users first exposed on <see cref="Day"/> (UTC).</summary>
[GenerateSerializer, Immutable]
public sealed record ExposureBucket([property: Id(0)] DateOnly Day, [property: Id(1)] long Users);
