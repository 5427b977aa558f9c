using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Security;
using Experimentation.GrainInterfaces.Settings;
using Experimentation.Grains.Experiments.Checks;
using Experimentation.Grains.Experiments.Events;

namespace Experimentation.Grains.Experiments;

/// <summary>
/// The experiment grain's review: submit, approve, request changes, and the review setting's gate on starting a
/// draft. The author is the submitter; with no caller (a trusted in-cluster call) the caller rules do not apply.
/// </summary>
public sealed partial class ExperimentGrain
{
    public async Task<CommandResult<ExperimentView>> Submit()
    {
        if (Refusal(LifecycleCommand.Submit) is { } refused) return Refused(refused);
        if (PreLaunchChecks.Failures(await RunChecks(_state!.Definition)) is { } failing) return Refused(CommandError.Conflict(failing));
        return await Append(null, new ReviewSubmitted(CallerUser, clock.GetUtcNow()));
    }

    public async Task<CommandResult<ExperimentView>> Approve()
    {
        if (Refusal(LifecycleCommand.Approve) is { } refused) return Refused(refused);
        // Checks are run again: the namespace, the registry or the metric's data may have changed since submission.
        if (PreLaunchChecks.Failures(await RunChecks(_state!.Definition)) is { } failing) return Refused(CommandError.Conflict(failing));
        return await Append(null, new ExperimentApproved(CallerUser, clock.GetUtcNow()));
    }

    public Task<CommandResult<ExperimentView>> RequestChanges(string comment)
    {
        if (string.IsNullOrWhiteSpace(comment) || comment.Length > ExperimentDefinitionValidator.MaxTextLength)
            return Task.FromResult(Refused(CommandError.Invalid("comment",
                $"is required, non-blank and at most {ExperimentDefinitionValidator.MaxTextLength} characters: say what to change")));
        if (Refusal(LifecycleCommand.RequestChanges) is { } refused)
            return Task.FromResult(Refused(refused));
        return Append(null, new ChangesRequested(comment, CallerUser, clock.GetUtcNow()));
    }

    // The user the review events name (the actor header and the event's By). The gateway sets the caller per request.
    private static string? CallerUser => CallerContext.Current?.User;

    // Four eyes: a reviewer of any team, the global admin or the owner team's admin, and never the submitter.
    private CommandError? MayReview(string action)
    {
        if (CallerContext.Current is not { } caller) return null;
        var team = _state!.Definition.OwnerTeam;
        if (caller.Role is not (Role.Reviewer or Role.Admin))
            return CommandError.Forbidden($"To {action} an experiment needs role reviewer or admin; this key's role is {caller.Role.ToString().ToLowerInvariant()}.");
        if (caller.Role == Role.Admin && !caller.ActsFor(team))
            return CommandError.Forbidden($"To {action} team '{team}''s experiment needs role reviewer, the installation admin, or role admin in team '{team}'.");
        if (_state.Review?.SubmittedBy is { } author && string.Equals(author, caller.User, StringComparison.Ordinal))
            return CommandError.Forbidden($"'{author}' submitted this experiment, and its author may not {action} it: another reviewer or admin must.");
        return null;
    }

    // A draft of a team that requires review may not start; an approved experiment may, even if review was since turned off.
    private async Task<CommandError?> ReviewGate()
    {
        if (_state!.Status != ExperimentStatus.Draft) return null;
        var team = _state.Definition.OwnerTeam;
        var settings = await GrainFactory.GetGrain<IReviewSettingsGrain>(0).Get();
        return settings.RequiredFor(team)
            ? CommandError.Conflict($"The experiment is draft: review is required for team '{team}', so submit it (POST /api/experiments/{Key}/submit) and start it once a reviewer approves it.")
            : null;
    }
}
