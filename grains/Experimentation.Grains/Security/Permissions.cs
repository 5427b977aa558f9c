using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Security;

namespace Experimentation.Grains.Security;

/// <summary>
/// The grain-level rules of who may change what, read from <see cref="CallerContext.Current"/>. A null caller is a
/// trusted in-cluster call (docs/security.md, "Trust boundary") and may do everything. Each refusal names the role
/// or team required, as the 403 it becomes must.
/// </summary>
public static class Permissions
{
    /// <summary>Only the installation's admin (an admin key with no team).</summary>
    public static CommandError? InstallationAdmin(Caller? caller, string action) =>
        caller is null || caller.IsGlobalAdmin
            ? null
            : CommandError.Forbidden($"{action} requires the installation admin (role admin with no team); this key is {Describe(caller)}.");

    /// <summary>The installation admin, or an admin of <paramref name="team"/> (a null team: the installation admin only).</summary>
    public static CommandError? TeamAdmin(Caller? caller, string? team, string action)
    {
        if (caller is null || caller.IsGlobalAdmin) return null;
        if (team is not null && caller.Role == Role.Admin && caller.ActsFor(team)) return null;
        return CommandError.Forbidden(team is null
            ? $"{action} requires the installation admin; this key is {Describe(caller)}."
            : $"{action} requires role admin for team '{team}' or the installation admin; this key is {Describe(caller)}.");
    }

    /// <summary>An experimenter or admin acting for <paramref name="team"/>, or the installation admin.</summary>
    public static CommandError? TeamWriter(Caller? caller, string? team, string action)
    {
        if (caller is null || caller.IsGlobalAdmin) return null;
        if (team is not null && caller.Role is Role.Admin or Role.Experimenter && caller.ActsFor(team)) return null;
        return CommandError.Forbidden(team is null
            ? $"{action} requires the installation admin; this key is {Describe(caller)}."
            : $"{action} requires role experimenter or admin for team '{team}'; this key is {Describe(caller)}.");
    }

    /// <summary>How a refusal describes the key that was refused: its role and team, never its secret.</summary>
    public static string Describe(Caller caller) =>
        caller.Team is null ? $"role {Name(caller.Role)} with no team" : $"role {Name(caller.Role)} for team '{caller.Team}'";

    /// <summary>A role as the API spells it (snake_case, like every enum on the wire).</summary>
    public static string Name(Role role) => role.ToString().ToLowerInvariant();
}
