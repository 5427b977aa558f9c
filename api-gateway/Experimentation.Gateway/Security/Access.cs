using Experimentation.GrainInterfaces.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace Experimentation.Gateway.Security;

/// <summary>
/// The access levels an endpoint declares with <see cref="RequireAccess{TBuilder}"/> (docs/security.md has the table).
/// An endpoint that declares none is for the installation admin only (the fallback policy), so a forgotten
/// declaration fails closed. Team scope (own team or another) is the grains' rule, not the endpoint's.
/// </summary>
public static class Access
{
    /// <summary>Every role, the sdk included: the config bundle and assignment.</summary>
    public const string Any = "access:any";

    /// <summary>Posting events: sdk, experimenter and admin.</summary>
    public const string Ingest = "access:ingest";

    /// <summary>Reads: admin, experimenter, reviewer and viewer (not the sdk).</summary>
    public const string Read = "access:read";

    /// <summary>Writes to experiments and metrics: experimenter and admin; the grain checks the team.</summary>
    public const string Write = "access:write";

    /// <summary>Reviews (approve, request changes): reviewer and admin; the grain refuses the author and other teams' admins.</summary>
    public const string Review = "access:review";

    /// <summary>Admins of any team (keys and users; the grain limits a team admin to its team).</summary>
    public const string Admin = "access:admin";

    /// <summary>The installation admin only: teams, namespaces, the global holdout and webhooks.</summary>
    public const string InstallationAdmin = "access:installation-admin";

    /// <summary>The roles of each level, in one place.</summary>
    public static readonly IReadOnlyDictionary<string, RoleRequirement> Requirements = new Dictionary<string, RoleRequirement>
    {
        [Any] = new([Role.Admin, Role.Experimenter, Role.Reviewer, Role.Viewer, Role.Sdk]),
        [Ingest] = new([Role.Admin, Role.Experimenter, Role.Sdk]),
        [Read] = new([Role.Admin, Role.Experimenter, Role.Reviewer, Role.Viewer]),
        [Write] = new([Role.Admin, Role.Experimenter]),
        [Review] = new([Role.Admin, Role.Reviewer]),
        [Admin] = new([Role.Admin]),
        [InstallationAdmin] = new([Role.Admin], InstallationOnly: true),
    };

    /// <summary>Requires a key of <paramref name="level"/> (one of the constants here) for the endpoint or group.</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, string level) where TBuilder : IEndpointConventionBuilder =>
        Requirements.ContainsKey(level)
            ? builder.RequireAuthorization(level)
            : throw new ArgumentException($"Unknown access level '{level}'; use a constant of {nameof(Access)}.", nameof(level));

    internal static void AddPolicies(AuthorizationOptions options)
    {
        foreach (var (name, requirement) in Requirements)
            options.AddPolicy(name, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).AddRequirements(requirement));
        options.FallbackPolicy = options.GetPolicy(InstallationAdmin);
    }
}
