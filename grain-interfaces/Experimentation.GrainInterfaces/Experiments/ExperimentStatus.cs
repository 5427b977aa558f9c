namespace Experimentation.GrainInterfaces.Experiments;

/// <summary>Lifecycle status: draft → running ↔ paused → concluded → archived (draft may be archived directly).</summary>
[GenerateSerializer]
public enum ExperimentStatus
{
    Draft,
    Running,
    Paused,
    Concluded,
    Archived,
}
