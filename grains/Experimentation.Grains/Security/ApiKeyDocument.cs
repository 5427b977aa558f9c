using Experimentation.GrainInterfaces.Security;

namespace Experimentation.Grains.Security;

/// <summary>An API key as stored in Marten: the SHA-256 of the secret, never the secret.</summary>
public sealed record ApiKeyDocument
{
    public string Id { get; init; } = "";
    public byte[] Hash { get; init; } = [];
    public string User { get; init; } = "";
    public string? Team { get; init; }
    public Role Role { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }

    public bool IsLive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } expires || now < expires);

    public ApiKeyView ToView() => new(Id, User, Team, Role, CreatedAt, ExpiresAt, RevokedAt is not null, RevokedAt);

    public Caller ToCaller() => new(Id, User, Team, Role);
}
