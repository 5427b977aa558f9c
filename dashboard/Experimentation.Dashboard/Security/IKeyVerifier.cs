using Experimentation.GrainInterfaces.Security;

namespace Experimentation.Dashboard.Security;

/// <summary>
/// Turns an API key typed into the sign-in form into the caller it belongs to: the auth branch's key verification
/// (issue 16) implements it. While no implementation is registered the dashboard has no sign-in and trusts its
/// viewers as the API trusts its callers today.
/// </summary>
public interface IKeyVerifier
{
    /// <summary>The caller the key was issued to; null for an unknown, revoked or malformed key.</summary>
    Task<Caller?> VerifyAsync(string key, CancellationToken cancellationToken);
}
