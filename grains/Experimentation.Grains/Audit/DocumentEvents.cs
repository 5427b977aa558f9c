using Experimentation.GrainInterfaces.Metrics;

namespace Experimentation.Grains.Audit;

// The audit events of things kept as documents or grain state (AuditStreams names their streams). The document is
// the state; the event, appended in the same transaction where there is one, says who changed it and when.

public sealed record MetricRegistered(MetricDefinition Metric, DateTimeOffset At);

public sealed record NamespaceCreated(string Key, int TotalSlots, DateTimeOffset At);

public sealed record HoldoutChanged(int BasisPoints, DateTimeOffset At);

/// <summary>A webhook was created; its secret is not part of the trail.</summary>
public sealed record WebhookCreated(Guid Id, string Url, string[] Events, DateTimeOffset At);

public sealed record WebhookDeleted(Guid Id, DateTimeOffset At);
