namespace Experimentation.GrainInterfaces.Analysis;

/// <summary>One look's report as JSON, with the look's number and time.</summary>
[GenerateSerializer, Immutable]
public sealed record ReportDocument([property: Id(0)] long Look, [property: Id(1)] DateTimeOffset TakenAt, [property: Id(2)] string Json);
