namespace Experimentation.GrainInterfaces.Security;

/// <summary>An API key as anyone may see it: never the secret, which exists only in the answer that created it.</summary>
/// <param name="Id">Public identifier: the first 16 hex digits of the secret's SHA-256, so a key names itself.</param>
/// <param name="Team">The team the key acts for; null with the admin role is the installation's admin.</param>
[GenerateSerializer, Immutable]
public sealed record ApiKeyView(
    string Id,
    string User,
    string? Team,
    Role Role,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    bool Revoked,
    DateTimeOffset? RevokedAt);
