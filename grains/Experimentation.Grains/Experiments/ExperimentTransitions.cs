using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.Grains.Experiments;

/// <summary>
/// The lifecycle's allowed moves: draft→running; running↔paused; running or paused→concluded;
/// concluded or draft→archived. Everything else is refused with the reason.
/// </summary>
public static class ExperimentTransitions
{
    public static CommandError? Check(ExperimentStatus from, string command) => (command, from) switch
    {
        ("update", ExperimentStatus.Draft) => null,
        ("update", _) => Refuse(from, "only a draft may change its definition, variants or weights"),
        ("start", ExperimentStatus.Draft) => null,
        ("start", _) => Refuse(from, "only a draft can be started"),
        ("pause", ExperimentStatus.Running) => null,
        ("pause", _) => Refuse(from, "only a running experiment can be paused"),
        ("resume", ExperimentStatus.Paused) => null,
        ("resume", _) => Refuse(from, "only a paused experiment can be resumed"),
        ("conclude", ExperimentStatus.Running or ExperimentStatus.Paused) => null,
        ("conclude", _) => Refuse(from, "only a running or paused experiment can be concluded"),
        ("traffic", ExperimentStatus.Running or ExperimentStatus.Paused) => null,
        ("traffic", _) => Refuse(from, "only a running or paused experiment can change its traffic; a draft sets it in its definition"),
        ("archive", ExperimentStatus.Concluded or ExperimentStatus.Draft) => null,
        ("archive", _) => Refuse(from, "only a concluded experiment or a draft can be archived"),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown lifecycle command."),
    };

    private static CommandError Refuse(ExperimentStatus from, string rule) =>
        CommandError.Conflict($"The experiment is {from.ToString().ToLowerInvariant()}: {rule}.");
}
