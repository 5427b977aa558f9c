using Orleans.Runtime;

namespace Experimentation.GrainInterfaces.Security;

/// <summary>
/// Carries the authenticated caller from the gateway (or the dashboard) into grain calls through Orleans'
/// RequestContext, so grains record the actor and enforce ownership without a caller parameter on every method.
/// Entries are simple strings, as Orleans recommends for request metadata. Only the gateway and embedded clients
/// inside the cluster's network can set them; docs/security.md explains that trust boundary.
/// </summary>
public static class CallerContext
{
    private const string KeyId = "caller.key";
    private const string User = "caller.user";
    private const string Team = "caller.team";
    private const string RoleName = "caller.role";

    /// <summary>The caller of the current request, or null when none was set (automation, tests without keys).</summary>
    public static Caller? Current
    {
        get
        {
            if (RequestContext.Get(KeyId) is not string key || RequestContext.Get(User) is not string user
                || RequestContext.Get(RoleName) is not string role || !Enum.TryParse<Role>(role, out var parsed))
                return null;
            return new Caller(key, user, RequestContext.Get(Team) as string, parsed);
        }
    }

    /// <summary>Sets <paramref name="caller"/> for the calls made until the returned scope is disposed.</summary>
    public static IDisposable Use(Caller caller)
    {
        var previous = Current;
        Set(caller);
        return new Scope(previous);
    }

    private static void Set(Caller? caller)
    {
        if (caller is null)
        {
            foreach (var k in new[] { KeyId, User, Team, RoleName }) RequestContext.Remove(k);
            return;
        }
        RequestContext.Set(KeyId, caller.KeyId);
        RequestContext.Set(User, caller.User);
        if (caller.Team is null) RequestContext.Remove(Team);
        else RequestContext.Set(Team, caller.Team);
        RequestContext.Set(RoleName, caller.Role.ToString());
    }

    private sealed class Scope(Caller? previous) : IDisposable
    {
        public void Dispose() => Set(previous);
    }
}
