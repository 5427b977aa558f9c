namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>A registry metric bound to an experiment, with the role it plays there.</summary>
/// <param name="MaxDegradation">Relative harm a guardrail tolerates before it pauses the experiment (0.05 = 5%).</param>
/// <param name="Action">What a breach of a guardrail does: pause (the default) or only alert.</param>
[GenerateSerializer, Immutable]
public sealed record MetricBinding(string MetricKey, MetricRole Role, MetricDirection Direction, double MaxDegradation,
    GuardrailAction Action = GuardrailAction.Pause)
{
    /// <summary>The design doc's default tolerance for guardrails.</summary>
    public const double DefaultMaxDegradation = 0.05;
}
