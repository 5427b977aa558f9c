using Experimentation.Gateway.Security;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Security;

namespace Experimentation.Dashboard.Security;

/// <summary>
/// Whether the viewer's role may write an experiment, so pages show only the buttons that would be accepted. The grains
/// still decide; this only hides what they would refuse. Without sign-in (no caller) every action is shown, as the API
/// accepts every call without a key today.
/// </summary>
public static class WritePermission
{
    public static bool MayWrite(Caller? caller, string ownerTeam) => caller switch
    {
        null => true,
        { Role: Role.Admin or Role.Experimenter } c => c.ActsFor(ownerTeam),
        _ => false,
    };

    public static bool MayWrite(Caller? caller, ExperimentView experiment) => MayWrite(caller, experiment.Definition.OwnerTeam);

    /// <summary>Namespaces and webhooks are the installation's: its admin (or anyone, without sign-in).</summary>
    public static bool MayAdminister(Caller? caller) => caller is null || caller.IsGlobalAdmin;

    /// <summary>
    /// Whether the viewer's key may call the API endpoint named <paramref name="endpoint"/>, by the gateway's own table
    /// (<see cref="EndpointAccess"/>), so a page shows what the API would serve that key, and nothing it would refuse.
    /// </summary>
    public static bool MayCall(Caller? caller, string endpoint) =>
        caller is null || Access.Requirements[EndpointAccess.Levels[endpoint]].IsMetBy(caller);

    /// <summary>Reviewers and admins approve or request changes; the grain also refuses the submitter (403).</summary>
    public static bool MayReview(Caller? caller) => caller is null || caller.Role is Role.Admin or Role.Reviewer;
}
