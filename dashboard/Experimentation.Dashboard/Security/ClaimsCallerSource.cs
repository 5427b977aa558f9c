using Experimentation.GrainInterfaces.Security;
using Microsoft.AspNetCore.Components.Authorization;

namespace Experimentation.Dashboard.Security;

/// <summary>The caller from the circuit's authentication state, which the auth cookie fills once sign-in is mapped.</summary>
public sealed class ClaimsCallerSource(AuthenticationStateProvider authentication) : ICallerSource
{
    public async Task<Caller?> CurrentAsync() => CallerClaims.FromPrincipal((await authentication.GetAuthenticationStateAsync()).User);
}
