namespace Experimentation.GrainInterfaces.Security;

/// <summary>A person or service that holds keys. A deleted user is kept (the audit trail names it) but its keys stop working.</summary>
/// <param name="Id">The user's handle (the pattern of <see cref="Keys"/>); events name it as their actor.</param>
/// <param name="Team">The team the user belongs to; null for the installation's own users (its admins).</param>
[GenerateSerializer, Immutable]
public sealed record UserView(string Id, string Name, string? Team, DateTimeOffset CreatedAt, DateTimeOffset? DeletedAt);
