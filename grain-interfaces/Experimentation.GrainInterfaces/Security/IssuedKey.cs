namespace Experimentation.GrainInterfaces.Security;

/// <summary>A key just created: its view and the secret, shown this once and never stored.</summary>
[GenerateSerializer, Immutable]
public sealed record IssuedKey(ApiKeyView Key, string Secret);
