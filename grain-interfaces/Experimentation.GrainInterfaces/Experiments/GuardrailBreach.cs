namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>
/// A guardrail breach as the analysis saw it at one look: the metric and treatment, the estimated relative harm with
/// its always-valid interval, and the look. <see cref="BreachId"/> names the episode, so a breach reported twice (a
/// retried look) is recorded once.
/// </summary>
/// <param name="Degradation">The relative change in the harmful direction (0.2 is 20% worse).</param>
/// <param name="Lower">Lower bound of the always-valid interval of the degradation; null when unbounded.</param>
/// <param name="Upper">Upper bound of that interval.</param>
[GenerateSerializer, Immutable]
public sealed record GuardrailBreach(
    [property: Id(0)] string BreachId,
    [property: Id(1)] string MetricKey,
    [property: Id(2)] string Treatment,
    [property: Id(3)] double? Degradation,
    [property: Id(4)] double? Lower,
    [property: Id(5)] double? Upper,
    [property: Id(6)] double MaxDegradation,
    [property: Id(7)] long Look,
    [property: Id(8)] DateTimeOffset LookAt,
    [property: Id(9)] GuardrailAction Action);
