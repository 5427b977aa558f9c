namespace Experimentation.Grains.Experiments;

/// <summary>The lifecycle commands that <see cref="ExperimentTransitions"/> allows or refuses by status.</summary>
// An enum, not a record hierarchy: the transition check needs only which command it is, never its arguments.
public enum LifecycleCommand
{
    Update,
    Start,
    Pause,
    Resume,
    Conclude,
    Traffic,
    Archive,
    Submit,
    Approve,
    RequestChanges,
}
