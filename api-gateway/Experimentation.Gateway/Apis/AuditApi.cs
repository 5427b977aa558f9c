using Experimentation.Gateway.Contracts.Security;
using Experimentation.GrainInterfaces.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Experimentation.Gateway.Apis;

/// <summary>The audit trail: every change to experiments, metrics, namespaces, the holdout, webhooks, teams, users and keys.</summary>
public static class AuditApi
{
    public static RouteHandlerBuilder MapAuditApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/audit", List).WithTags("Audit").WithName("ListAudit")
            .WithSummary("Changes across every stream, newest first, with their actor; filter by team, actor and since, page with limit and cursor")
            .Produces<AuditResponse>().ProducesValidationProblem();

    private static async Task<IResult> List(string? team, string? actor, DateTimeOffset? since, int? limit, long? cursor, IGrainFactory grains)
    {
        if (limit is < 1 or > AuditQuery.MaxLimit) return Problems.Problems.Invalid("limit", $"must be between 1 and {AuditQuery.MaxLimit}");
        if (cursor is < 1) return Problems.Problems.Invalid("cursor", "must be a nextCursor from a previous page");
        var page = await grains.GetGrain<IAuditGrain>(0).List(new AuditQuery(team, actor, since, cursor, limit ?? AuditQuery.DefaultLimit));
        return TypedResults.Ok(new AuditResponse(page.Entries.Select(AuditEntryResponse.From).ToArray(), page.NextCursor));
    }
}
