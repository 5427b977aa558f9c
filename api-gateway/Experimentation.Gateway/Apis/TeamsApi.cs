using Experimentation.Gateway.Contracts.Security;
using Experimentation.GrainInterfaces.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Experimentation.Gateway.Apis;

/// <summary>Teams: the owners of experiments and metrics. The installation admin creates them; every reader lists them.</summary>
public static class TeamsApi
{
    public static RouteGroupBuilder MapTeamsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/teams").WithTags("Teams");
        api.MapPost("/", Create).WithName("CreateTeam").WithSummary("Create a team (installation admin)")
            .Produces<TeamView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/", List).WithName("ListTeams").WithSummary("List the teams").Produces<TeamView[]>();
        return api;
    }

    private static async Task<IResult> Create(CreateTeamRequest request, IGrainFactory grains)
    {
        if (request.Key is null) return Problems.Problems.Invalid("key", "is required");
        var result = await grains.GetGrain<IIdentityGrain>(0).CreateTeam(request.Key, request.Name ?? "");
        return result.Error is { } refused ? Problems.Problems.From(refused) : TypedResults.Created($"/api/teams/{request.Key}", result.Value);
    }

    private static async Task<IResult> List(IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<IIdentityGrain>(0).ListTeams());
}
