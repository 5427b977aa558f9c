namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>Why an experiment is paused: a person, a breached guardrail, or its schedule.</summary>
[GenerateSerializer]
public enum PauseCause
{
    Manual,
    Guardrail,
    Schedule,
}
