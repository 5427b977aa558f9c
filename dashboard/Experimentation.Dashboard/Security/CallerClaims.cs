using System.Security.Claims;
using Experimentation.GrainInterfaces.Security;

namespace Experimentation.Dashboard.Security;

/// <summary>
/// A Caller as the claims of the dashboard's auth cookie and back: the sign-in endpoint writes them once from the
/// verified key, and every grain call reads them, so the key's secret never sits in the cookie.
/// </summary>
public static class CallerClaims
{
    public const string KeyId = "experimentation:key";
    public const string Team = "experimentation:team";

    public static ClaimsPrincipal ToPrincipal(Caller caller, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(KeyId, caller.KeyId),
            new(ClaimTypes.Name, caller.User),
            new(ClaimTypes.Role, caller.Role.ToString()),
        };
        if (caller.Team is not null) claims.Add(new Claim(Team, caller.Team));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The caller the principal was signed in as; null when anonymous or when a claim is missing or unknown.</summary>
    public static Caller? FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true) return null;
        var key = principal.FindFirst(KeyId)?.Value;
        var user = principal.FindFirst(ClaimTypes.Name)?.Value;
        var role = principal.FindFirst(ClaimTypes.Role)?.Value;
        if (key is null || user is null || !Enum.TryParse<Role>(role, out var parsed) || !Enum.IsDefined(parsed)) return null;
        return new Caller(key, user, principal.FindFirst(Team)?.Value, parsed);
    }
}
