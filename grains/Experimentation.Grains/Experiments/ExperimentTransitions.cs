using System.Text.Json;
using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.Grains.Experiments;

/// <summary>
/// The lifecycle's allowed moves: draft→in_review→approved (or back to draft with changes requested); draft or
/// approved→running; running↔paused; running or paused→concluded; concluded or not yet started→archived. Editing an
/// in_review or approved definition returns it to draft. Everything else is refused with the reason. Whether a draft
/// may start without review depends on the review setting, which the grain checks after this table.
/// </summary>
public static class ExperimentTransitions
{
    public static CommandError? Check(ExperimentStatus from, LifecycleCommand command) => (command, from) switch
    {
        (LifecycleCommand.Update, ExperimentStatus.Draft or ExperimentStatus.InReview or ExperimentStatus.Approved) => null,
        (LifecycleCommand.Update, _) => Refuse(from, "only an experiment that has not started may change its definition, variants or weights"),
        (LifecycleCommand.Start, ExperimentStatus.Draft or ExperimentStatus.Approved) => null,
        (LifecycleCommand.Start, ExperimentStatus.InReview) => Refuse(from, "it starts once a reviewer approves it"),
        (LifecycleCommand.Start, _) => Refuse(from, "only a draft or an approved experiment can be started"),
        (LifecycleCommand.Pause, ExperimentStatus.Running) => null,
        (LifecycleCommand.Pause, _) => Refuse(from, "only a running experiment can be paused"),
        (LifecycleCommand.Resume, ExperimentStatus.Paused) => null,
        (LifecycleCommand.Resume, _) => Refuse(from, "only a paused experiment can be resumed"),
        (LifecycleCommand.Conclude, ExperimentStatus.Running or ExperimentStatus.Paused) => null,
        (LifecycleCommand.Conclude, _) => Refuse(from, "only a running or paused experiment can be concluded"),
        (LifecycleCommand.Traffic, ExperimentStatus.Running or ExperimentStatus.Paused) => null,
        (LifecycleCommand.Traffic, _) => Refuse(from, "only a running or paused experiment can change its traffic; a draft sets it in its definition"),
        (LifecycleCommand.Archive, ExperimentStatus.Concluded or ExperimentStatus.Draft or ExperimentStatus.InReview or ExperimentStatus.Approved) => null,
        (LifecycleCommand.Archive, _) => Refuse(from, "only a concluded experiment or one that has not started can be archived"),
        (LifecycleCommand.Submit, ExperimentStatus.Draft) => null,
        (LifecycleCommand.Submit, _) => Refuse(from, "only a draft can be submitted for review"),
        (LifecycleCommand.Approve, ExperimentStatus.InReview) => null,
        (LifecycleCommand.Approve, _) => Refuse(from, "only an experiment in review can be approved"),
        (LifecycleCommand.RequestChanges, ExperimentStatus.InReview) => null,
        (LifecycleCommand.RequestChanges, _) => Refuse(from, "changes can only be requested for an experiment in review"),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown lifecycle command."),
    };

    /// <summary>The status as the API spells it (in_review), for messages.</summary>
    public static string Name(ExperimentStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    private static CommandError Refuse(ExperimentStatus from, string rule) =>
        CommandError.Conflict($"The experiment is {Name(from)}: {rule}.");
}
