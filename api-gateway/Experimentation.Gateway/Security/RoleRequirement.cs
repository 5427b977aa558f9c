using Experimentation.GrainInterfaces.Security;
using Microsoft.AspNetCore.Authorization;

namespace Experimentation.Gateway.Security;

/// <summary>An endpoint's requirement: the caller's role is one of <paramref name="Roles"/> (and, if asked, the key has no team).</summary>
/// <param name="InstallationOnly">Only the installation admin: an admin key with no team.</param>
public sealed record RoleRequirement(IReadOnlyList<Role> Roles, bool InstallationOnly = false) : IAuthorizationRequirement
{
    /// <summary>The requirement as a 403 names it.</summary>
    public string Describe() => InstallationOnly
        ? "the installation admin (role admin with no team)"
        : Roles.Count == 1 ? $"role {Name(Roles[0])}" : "one of the roles " + string.Join(", ", Roles.Select(Name));

    public bool IsMetBy(Caller caller) => Roles.Contains(caller.Role) && (!InstallationOnly || caller.IsGlobalAdmin);

    private static string Name(Role role) => role.ToString().ToLowerInvariant();
}

/// <summary>Checks <see cref="RoleRequirement"/> against the caller of the request.</summary>
public sealed class RoleRequirementHandler : AuthorizationHandler<RoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        if (CallerClaims.ToCaller(context.User) is { } caller && requirement.IsMetBy(caller)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
