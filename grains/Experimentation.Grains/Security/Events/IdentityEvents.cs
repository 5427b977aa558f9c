using Experimentation.GrainInterfaces.Security;

namespace Experimentation.Grains.Security.Events;

// The audit trail of the identity documents: one stream per team, user and key (Streams names them), with the
// actor in the events' headers like every other event. The documents hold the current state; these say who did what.

public sealed record TeamCreated(string Key, string Name, DateTimeOffset At);

public sealed record UserCreated(string Id, string Name, string? Team, DateTimeOffset At);

public sealed record UserDeleted(string Id, string[] RevokedKeys, DateTimeOffset At);

/// <summary>A key was issued; the event holds its id and scope, never the secret or its hash.</summary>
public sealed record KeyIssued(string Id, string User, string? Team, Role Role, DateTimeOffset? ExpiresAt, DateTimeOffset At);

public sealed record KeyRevoked(string Id, DateTimeOffset At);
