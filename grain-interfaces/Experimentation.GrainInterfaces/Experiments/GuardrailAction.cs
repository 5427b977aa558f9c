namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>What a guardrail binding does when it is breached: pause the experiment (the default) or only alert.</summary>
[GenerateSerializer]
public enum GuardrailAction
{
    Pause,
    Alert,
}
