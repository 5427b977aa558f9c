using Experimentation.GrainInterfaces.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Experimentation.Gateway.Security;

/// <summary>
/// Answers refused requests with RFC 7807 problems: 401 (with WWW-Authenticate: Bearer) saying what was wrong with
/// the credential, 403 naming the role required and the caller's role and team.
/// </summary>
public sealed class AuthProblems : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        // Another scheme's policy (the dashboard's sign-in cookie) keeps its own answers: a redirect to its sign-in page.
        if (policy.AuthenticationSchemes.Count > 0 && !policy.AuthenticationSchemes.Contains(ApiKeyAuthenticationHandler.SchemeName))
            return _default.HandleAsync(next, context, policy, result);
        if (result.Challenged && context.Items.ContainsKey(ApiKeyAuthenticationHandler.UnavailableItem))
            return Problems.Unavailable.Problem("Service unavailable",
                "The key could not be checked: the database is unavailable. Retry later.").ExecuteAsync(context);
        if (result.Challenged)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            var why = context.Items[ApiKeyAuthenticationHandler.FailureItem] as string ?? "A key is required: send Authorization: Bearer <key>.";
            return TypedResults.Problem(why, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized").ExecuteAsync(context);
        }
        if (result.Forbidden)
        {
            // Only what failed: a group's read level and an endpoint's write level would otherwise both be named.
            var failed = result.AuthorizationFailure?.FailedRequirements ?? policy.Requirements;
            var required = failed.OfType<RoleRequirement>().Select(r => r.Describe()).Distinct();
            var caller = CallerClaims.ToCaller(context.User);
            var detail = $"This needs {string.Join(" and ", required)}; this key is "
                + (caller is null ? "unknown" : Describe(caller)) + ".";
            return TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(context);
        }
        return _default.HandleAsync(next, context, policy, result);
    }

    private static string Describe(Caller caller) =>
        $"role {caller.Role.ToString().ToLowerInvariant()}" + (caller.Team is null ? " with no team" : $" for team '{caller.Team}'");
}
