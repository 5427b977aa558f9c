using Experimentation.Gateway.Contracts.Security;
using Experimentation.GrainInterfaces.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Experimentation.Gateway.Apis;

/// <summary>
/// API keys: created for a user (the secret is in that answer only), listed without secrets, revoked by id. The
/// installation admin manages every key, a team's admin its team's (the grain checks).
/// </summary>
public static class KeysApi
{
    public static RouteGroupBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/keys").WithTags("Keys");
        api.MapPost("/", Create).WithName("CreateKey").WithSummary("Create a key for a user; the answer holds the secret, shown only this once")
            .Produces<IssuedKey>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/", List).WithName("ListKeys").WithSummary("List keys, newest first, without secrets").Produces<ApiKeyView[]>();
        api.MapDelete("/{id}", Revoke).WithName("RevokeKey").WithSummary("Revoke a key; it stops working within the gateway's cache time")
            .Produces<ApiKeyView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> Create(CreateKeyRequest request, HttpContext context, IGrainFactory grains)
    {
        if (request.User is null) return Problems.Problems.Invalid("user", "is required");
        if (request.Role is not { } role) return Problems.Problems.Invalid("role", "is required: admin, experimenter, reviewer, viewer or sdk");
        var result = await grains.GetGrain<IIdentityGrain>(0).IssueKey(new KeyRequest(request.User, role, request.ExpiresAt));
        if (result.Error is { } refused) return Problems.Problems.From(refused);
        // The secret must not linger in any cache between here and the caller.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/keys/{result.Value!.Key.Id}", result.Value);
    }

    private static async Task<IResult> List(IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<IIdentityGrain>(0).ListKeys());

    private static async Task<IResult> Revoke(string id, IGrainFactory grains)
    {
        var result = await grains.GetGrain<IIdentityGrain>(0).RevokeKey(id);
        return result.Error is { } refused ? Problems.Problems.From(refused) : TypedResults.Ok(result.Value);
    }
}
