namespace Experimentation.GrainInterfaces.Aggregation;

/// <summary>What one shard did with its part of a batch.</summary>
[GenerateSerializer, Immutable]
public readonly record struct ShardIngestResult([property: Id(0)] int Accepted, [property: Id(1)] int Duplicates);
