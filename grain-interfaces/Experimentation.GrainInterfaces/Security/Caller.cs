namespace Experimentation.GrainInterfaces.Security;

/// <summary>
/// Who is calling: the key's id (never the secret), the user it was issued to, the team it acts for and its role.
/// A null team with the admin role is the installation's admin; an admin with a team administers that team only.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Caller(string KeyId, string User, string? Team, Role Role)
{
    /// <summary>The installation's admin: every team, namespaces, the holdout and review settings.</summary>
    public bool IsGlobalAdmin => Role == Role.Admin && Team is null;

    /// <summary>May act for <paramref name="team"/>: the global admin, or any key issued for that team.</summary>
    public bool ActsFor(string team) => IsGlobalAdmin || string.Equals(Team, team, StringComparison.Ordinal);
}
