namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>How a bound metric is used: decided on, protected, or only shown.</summary>
[GenerateSerializer]
public enum MetricRole
{
    Primary,
    Guardrail,
    Informational,
}
