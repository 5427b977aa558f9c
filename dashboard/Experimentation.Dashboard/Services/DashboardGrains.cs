using Experimentation.Dashboard.Security;
using Experimentation.GrainInterfaces.Security;

namespace Experimentation.Dashboard.Services;

/// <summary>
/// The one way pages reach the cluster: every grain call runs inside <see cref="CallerContext.Use"/> with the
/// viewer's caller, as the gateway does for a request, so grains record the actor and enforce ownership the same way.
/// </summary>
public sealed class DashboardGrains(IGrainFactory grains, ICallerSource callers)
{
    public async Task<T> Call<T>(Func<IGrainFactory, Task<T>> call)
    {
        if (await callers.CurrentAsync() is not { } caller) return await call(grains);
        using (CallerContext.Use(caller)) return await call(grains);
    }

    /// <summary>The viewer, or null without sign-in (a trusted in-cluster caller, as for embedded clients).</summary>
    public Task<Caller?> Viewer() => callers.CurrentAsync();
}
