using Experimentation.Gateway.Contracts;
using Experimentation.GrainInterfaces;
using Experimentation.GrainInterfaces.Namespaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Experimentation.Gateway.Apis;

/// <summary>Namespaces (layers) and their slot maps.</summary>
public static class NamespacesApi
{
    public const int DefaultTotalSlots = 1000;

    public static RouteGroupBuilder MapNamespacesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/namespaces").WithTags("Namespaces");
        api.MapPost("/", Create).WithName("CreateNamespace").WithSummary("Create a namespace (layer) of slots")
            .Produces<NamespaceView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/", List).WithName("ListNamespaces").WithSummary("List namespaces").Produces<NamespaceView[]>();
        api.MapGet("/{key}", Get).WithName("GetNamespace").WithSummary("A namespace's slot map: which experiment owns which slots")
            .Produces<NamespaceView>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> Create(CreateNamespaceRequest request, IGrainFactory grains)
    {
        if (request.Key is null) return Problems.Problems.Invalid("key", "is required");
        if (!Keys.IsValid(request.Key)) return Problems.Problems.Invalid("key", $"must match {Keys.Pattern}");
        var result = await grains.GetGrain<INamespaceGrain>(request.Key).Create(request.TotalSlots ?? DefaultTotalSlots);
        return result.Error is { } refused
            ? Problems.Problems.From(refused)
            : TypedResults.Created($"/api/namespaces/{request.Key}", result.Value);
    }

    private static async Task<IResult> List(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<INamespaceCatalogGrain>(0).List());

    private static async Task<IResult> Get(string key, IGrainFactory grains)
    {
        var ns = Keys.IsValid(key) ? await grains.GetGrain<INamespaceGrain>(key).Get() : null;
        return ns is null ? Problems.Problems.UnknownKey("namespace", key) : TypedResults.Ok(ns);
    }
}
