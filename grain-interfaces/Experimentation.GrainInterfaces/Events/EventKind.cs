namespace Experimentation.GrainInterfaces.Events;

/// <summary>What an ingested event records: a user seeing a variant, or a user doing something measurable.</summary>
[GenerateSerializer]
public enum EventKind
{
    Exposure,
    Metric,
}
