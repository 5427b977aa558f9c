using System.Text;
using System.Text.Json;
using Experimentation.Assignment;
using Experimentation.Client.Config;
using Experimentation.Gateway.Contracts;
using Experimentation.GrainInterfaces.Config;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Experimentation.Gateway.Apis;

/// <summary>
/// The config bundle for services that assign locally: a conditional GET (ETag, 304) for polling, and a
/// Server-Sent Events stream that pushes each new version as it is published.
/// </summary>
public static class ConfigApi
{
    public static readonly TimeSpan KeepAliveEvery = TimeSpan.FromSeconds(15);

    // The bundle's wire form is the assignment library's own records in web JSON, the same on every channel.
    private static readonly JsonSerializerOptions BundleJson = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapConfigApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/config").WithTags("Config");
        api.MapGet("/", Get).WithName("GetConfig")
            .WithSummary("The current bundle of running experiments, namespaces and holdout, with an ETag")
            .Produces<ConfigBundle>().Produces(StatusCodes.Status304NotModified);
        api.MapGet("/stream", Stream).WithName("StreamConfig")
            .WithSummary("Server-Sent Events: every new bundle version, starting from the client's Last-Event-ID or ?version=")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream").ProducesValidationProblem();
        api.MapPut("/holdout", SetHoldout).WithName("SetHoldout")
            .WithSummary("Set the global holdout: the share of users who see no experiment in any layer")
            .Produces<ConfigBundle>().ProducesValidationProblem();
        return api;
    }

    private static IResult Get(HttpContext context, ConfigSnapshotCache config)
    {
        var bundle = config.Current.Bundle;
        var etag = $"\"{bundle.Version}\"";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "no-cache";
        var ifNoneMatch = context.Request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0 && ifNoneMatch.ToString().Split(',').Any(t => t.Trim() == etag || t.Trim() == "*"))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Json(bundle, BundleJson);
    }

    private static async Task<IResult> Stream(HttpContext context, ConfigSnapshotCache config, string? version, CancellationToken aborted)
    {
        long known = -1;
        if (version is not null && !(long.TryParse(version, out known) && IsResumable(known)))
            return Problems.Problems.Invalid("version", $"must be a bundle version from 0 to {long.MaxValue - 1}");
        // A header the browser replays is not the caller's to fix, so one that is no version starts from nothing.
        if (version is null && long.TryParse(context.Request.Headers["Last-Event-ID"], out var lastSeen) && IsResumable(lastSeen))
            known = lastSeen;

        var response = context.Response;
        response.Headers.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(aborted);
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                var current = config.Current.Bundle;
                if (current.Version > known)
                {
                    var json = JsonSerializer.Serialize(current, BundleJson);
                    await response.WriteAsync($"id: {current.Version}\nevent: config\ndata: {json}\n\n", Encoding.UTF8, aborted);
                    await response.Body.FlushAsync(aborted);
                    known = current.Version;
                    continue;
                }
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                quiet.CancelAfter(KeepAliveEvery);
                try
                {
                    await config.WaitForVersionAsync(known + 1, quiet.Token);
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    await response.WriteAsync(": keep-alive\n\n", aborted);
                    await response.Body.FlushAsync(aborted);
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
        }
        return TypedResults.Empty;
    }

    // The stream waits for version known + 1, which must not wrap around: a wait for long.MinValue returns at once,
    // and the loop would spin on it for as long as the connection stays open.
    private static bool IsResumable(long version) => version is >= 0 and < long.MaxValue;

    private static async Task<IResult> SetHoldout(HoldoutRequest request, IGrainFactory grains)
    {
        if (request.Percent is not { } percent) return Problems.Problems.Invalid("percent", "is required");
        // The grain's rule, checked here too so that no percentage can overflow the conversion to basis points.
        var basisPoints = percent * IConfigGrain.BasisPointsPerPercent;
        if (!double.IsFinite(basisPoints) || basisPoints < 0 || basisPoints > IConfigGrain.MaxHoldoutBasisPoints)
            return Problems.Problems.Invalid("percent", IConfigGrain.HoldoutOutOfRange);
        var result = await grains.GetGrain<IConfigGrain>(IConfigGrain.Key).SetHoldout((int)Math.Round(basisPoints));
        return result.Error is { } refused ? Problems.Problems.From(refused) : TypedResults.Json(result.Value, BundleJson);
    }
}
