using Experimentation.Gateway.Security;
using Experimentation.GrainInterfaces.Security;

namespace Experimentation.Dashboard.Security;

/// <summary>
/// Verifies a key typed into the sign-in page exactly as the API verifies a bearer key: its SHA-256 through the
/// gateway's cached identity-grain check, so a revoked or expired key stops signing in within the same delay.
/// </summary>
internal sealed class GatewayKeyVerifier(VerifiedKeys keys) : IKeyVerifier
{
    public Task<Caller?> VerifyAsync(string key, CancellationToken cancellationToken) => keys.VerifyAsync(KeyHash.Of(key));
}
