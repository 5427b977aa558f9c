namespace Experimentation.GrainInterfaces.Security;

/// <summary>What a new key is for: an existing user, the team it acts for (the user's), its role and an optional expiry.</summary>
[GenerateSerializer, Immutable]
public sealed record KeyRequest(string User, Role Role, DateTimeOffset? ExpiresAt);
