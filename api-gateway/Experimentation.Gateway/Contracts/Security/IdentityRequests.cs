using Experimentation.GrainInterfaces.Security;

namespace Experimentation.Gateway.Contracts.Security;

/// <summary>The body of POST /api/teams.</summary>
/// <param name="Key">The team's key, as experiments name it in ownerTeam.</param>
public sealed record CreateTeamRequest(string? Key, string? Name);

/// <summary>The body of POST /api/users.</summary>
/// <param name="Id">The user's handle, which the audit trail shows as the actor.</param>
/// <param name="Team">The user's team; omitted for an installation-level user (the installation admin only).</param>
public sealed record CreateUserRequest(string? Id, string? Name, string? Team);

/// <summary>The body of POST /api/keys: a key for an existing user, acting for the user's team.</summary>
/// <param name="ExpiresAt">Optional; after it the key gets 401.</param>
public sealed record CreateKeyRequest(string? User, Role? Role, DateTimeOffset? ExpiresAt);
