namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>Which way a metric moves when things get better; guardrails read harm from the other side.</summary>
[GenerateSerializer]
public enum MetricDirection
{
    HigherBetter,
    LowerBetter,
}
