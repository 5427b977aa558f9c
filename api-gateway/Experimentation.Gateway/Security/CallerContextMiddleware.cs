using Experimentation.GrainInterfaces.Security;
using Microsoft.AspNetCore.Http;

namespace Experimentation.Gateway.Security;

/// <summary>
/// Puts the authenticated caller into Orleans' RequestContext for the rest of the request, so every grain call the
/// handler makes carries it (<see cref="CallerContext"/>): grains record the actor and enforce ownership from it.
/// </summary>
public sealed class CallerContextMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (CallerClaims.ToCaller(context.User) is not { } caller)
        {
            await next(context);
            return;
        }
        using (CallerContext.Use(caller)) await next(context);
    }
}
