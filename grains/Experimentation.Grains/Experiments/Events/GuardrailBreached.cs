using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.Grains.Experiments.Events;

/// <summary>The analysis found a guardrail breached at a look (always-valid evidence of harm beyond the tolerance).</summary>
public sealed record GuardrailBreached(GuardrailBreach Breach, DateTimeOffset At);
