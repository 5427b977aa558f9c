namespace Experimentation.GrainInterfaces.Security;

/// <summary>A team: the owner of experiments and metrics, and the scope of its members' keys.</summary>
/// <param name="Key">The team's key (the pattern of <see cref="Keys"/>), as experiments name it in <c>ownerTeam</c>.</param>
[GenerateSerializer, Immutable]
public sealed record TeamView(string Key, string Name, DateTimeOffset CreatedAt);
