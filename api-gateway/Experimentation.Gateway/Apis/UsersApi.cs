using Experimentation.Gateway.Contracts.Security;
using Experimentation.GrainInterfaces;
using Experimentation.GrainInterfaces.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Experimentation.Gateway.Apis;

/// <summary>Users, who hold keys. Admins manage them: the installation admin all, a team's admin its team's.</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/users").WithTags("Users");
        api.MapPost("/", Create).WithName("CreateUser").WithSummary("Create a user in a team")
            .Produces<UserView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/", List).WithName("ListUsers").WithSummary("List the users the key administers").Produces<UserView[]>();
        api.MapDelete("/{id}", Delete).WithName("DeleteUser").WithSummary("Delete a user; every key it holds stops working")
            .Produces<UserView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> Create(CreateUserRequest request, IGrainFactory grains)
    {
        if (request.Id is null) return Problems.Problems.Invalid("id", "is required");
        var result = await grains.GetGrain<IIdentityGrain>(0).CreateUser(request.Id, request.Name ?? "", request.Team);
        return result.Error is { } refused ? Problems.Problems.From(refused) : TypedResults.Created($"/api/users/{request.Id}", result.Value);
    }

    private static async Task<IResult> List(IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<IIdentityGrain>(0).ListUsers());

    private static async Task<IResult> Delete(string id, IGrainFactory grains)
    {
        if (!Keys.IsValid(id)) return Problems.Problems.UnknownKey("user", id);
        var result = await grains.GetGrain<IIdentityGrain>(0).DeleteUser(id);
        return result.Error is { } refused ? Problems.Problems.From(refused) : TypedResults.Ok(result.Value);
    }
}
