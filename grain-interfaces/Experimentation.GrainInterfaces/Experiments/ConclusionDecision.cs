namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>What the team decided when it concluded an experiment.</summary>
[GenerateSerializer]
public enum ConclusionDecision
{
    /// <summary>Ship the winning variant (which must be named).</summary>
    Ship,
    /// <summary>Keep the control; the treatments are rolled back.</summary>
    KeepControl,
    /// <summary>No clear answer; nothing ships.</summary>
    Inconclusive,
}
