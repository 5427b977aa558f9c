using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.Grains.Experiments;

/// <summary>
/// The lifecycle's allowed moves: draft→running; running↔paused; running or paused→concluded;
/// concluded or draft→archived. Everything else is refused with the reason.
/// </summary>
public static class ExperimentTransitions
{
    public static CommandError? Check(ExperimentStatus from, LifecycleCommand command) => (command, from) switch
    {
        (LifecycleCommand.Update, ExperimentStatus.Draft) => null,
        (LifecycleCommand.Update, _) => Refuse(from, "only a draft may change its definition, variants or weights"),
        (LifecycleCommand.Start, ExperimentStatus.Draft) => null,
        (LifecycleCommand.Start, _) => Refuse(from, "only a draft can be started"),
        (LifecycleCommand.Pause, ExperimentStatus.Running) => null,
        (LifecycleCommand.Pause, _) => Refuse(from, "only a running experiment can be paused"),
        (LifecycleCommand.Resume, ExperimentStatus.Paused) => null,
        (LifecycleCommand.Resume, _) => Refuse(from, "only a paused experiment can be resumed"),
        (LifecycleCommand.Conclude, ExperimentStatus.Running or ExperimentStatus.Paused) => null,
        (LifecycleCommand.Conclude, _) => Refuse(from, "only a running or paused experiment can be concluded"),
        (LifecycleCommand.Traffic, ExperimentStatus.Running or ExperimentStatus.Paused) => null,
        (LifecycleCommand.Traffic, _) => Refuse(from, "only a running or paused experiment can change its traffic; a draft sets it in its definition"),
        (LifecycleCommand.Archive, ExperimentStatus.Concluded or ExperimentStatus.Draft) => null,
        (LifecycleCommand.Archive, _) => Refuse(from, "only a concluded experiment or a draft can be archived"),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown lifecycle command."),
    };

    private static CommandError Refuse(ExperimentStatus from, string rule) =>
        CommandError.Conflict($"The experiment is {from.ToString().ToLowerInvariant()}: {rule}.");
}
