namespace Experimentation.GrainInterfaces.Events;

/// <summary>
/// One exposure or metric event as a producer sent it. The producer's <see cref="EventId"/> is the dedupe key: a
/// retry must resend the same event, with the same id and timestamp.
/// </summary>
/// <param name="Experiment">Exposures only: the experiment key.</param>
/// <param name="Variant">Exposures only: the variant key the user saw.</param>
/// <param name="EventType">Metrics only: the event type that metric definitions refer to.</param>
/// <param name="Value">Metrics only: the measured value (1 for a plain occurrence).</param>
[GenerateSerializer, Immutable]
public sealed record IngestEvent(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] EventKind Kind,
    [property: Id(2)] string UserId,
    [property: Id(3)] DateTimeOffset Timestamp,
    [property: Id(4)] string? Experiment,
    [property: Id(5)] string? Variant,
    [property: Id(6)] string? EventType,
    [property: Id(7)] double? Value);
