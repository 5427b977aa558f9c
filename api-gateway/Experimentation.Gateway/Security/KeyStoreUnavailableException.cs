namespace Experimentation.Gateway.Security;

/// <summary>A key could not be checked because the key store (the identity grain, or PostgreSQL under it) failed: a 503, not a 401.</summary>
public sealed class KeyStoreUnavailableException(Exception inner) : Exception("The key store is unavailable.", inner);
