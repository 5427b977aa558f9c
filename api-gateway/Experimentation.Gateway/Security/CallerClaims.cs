using System.Security.Claims;
using Experimentation.GrainInterfaces.Security;

namespace Experimentation.Gateway.Security;

/// <summary>The caller of an authenticated request as claims, and back.</summary>
public static class CallerClaims
{
    public const string KeyId = "exp:key", User = "exp:user", Team = "exp:team", Role = "exp:role";

    public static ClaimsPrincipal ToPrincipal(Caller caller, string scheme)
    {
        var claims = new List<Claim> { new(KeyId, caller.KeyId), new(User, caller.User), new(Role, caller.Role.ToString()) };
        if (caller.Team is { } team) claims.Add(new Claim(Team, team));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, User, Role));
    }

    /// <summary>The request's caller, or null when it was not authenticated.</summary>
    public static Caller? ToCaller(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true
        && principal.FindFirstValue(KeyId) is { } key && principal.FindFirstValue(User) is { } user
        && Enum.TryParse<GrainInterfaces.Security.Role>(principal.FindFirstValue(Role), out var role)
            ? new Caller(key, user, principal.FindFirstValue(Team), role)
            : null;
}
