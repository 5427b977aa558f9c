using Experimentation.GrainInterfaces;
using Experimentation.GrainInterfaces.Experiments;
using Experimentation.GrainInterfaces.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Experimentation.Gateway.Apis;

/// <summary>Webhook subscriptions and their delivery log (docs/automation.md); no answer ever carries a secret.</summary>
public static class WebhooksApi
{
    public const int DefaultDeliveries = 100, MaxDeliveries = 1000;

    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/webhooks").WithTags("Webhooks");
        api.MapPost("/", Create).WithName("CreateWebhook")
            .WithSummary("Subscribe a receiver URL to alert events; deliveries are signed with the secret, which is never shown again")
            .Produces<WebhookView>(StatusCodes.Status201Created).ProducesValidationProblem().Unavailable();
        api.MapGet("/", List).WithName("ListWebhooks").WithSummary("List the webhooks").Produces<WebhookView[]>().Unavailable();
        api.MapGet("/{id}", Get).WithName("GetWebhook").WithSummary("Get a webhook")
            .Produces<WebhookView>().ProducesProblem(StatusCodes.Status404NotFound).Unavailable();
        api.MapDelete("/{id}", Delete).WithName("DeleteWebhook").WithSummary("Delete a webhook; its pending deliveries are not sent")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).Unavailable();
        api.MapGet("/{id}/deliveries", Deliveries).WithName("WebhookDeliveries")
            .WithSummary("The webhook's deliveries, newest first: status, attempts, last response code and next attempt")
            .Produces<DeliveryView[]>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).Unavailable();
        return api;
    }

    private static RouteHandlerBuilder Unavailable(this RouteHandlerBuilder b) => b.ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static Task<IResult> Create(WebhookSubscription subscription, IGrainFactory grains, ILoggerFactory loggers) =>
        Guarded(loggers, async () =>
        {
            var result = await Registry(grains).Create(subscription);
            return result.Error is { } refused
                ? Problems.Problems.From(refused)
                : TypedResults.Created($"/api/webhooks/{result.Value!.Id}", result.Value);
        });

    private static Task<IResult> List(IGrainFactory grains, ILoggerFactory loggers) =>
        Guarded(loggers, async () => TypedResults.Ok(await Registry(grains).List()));

    private static Task<IResult> Get(string id, IGrainFactory grains, ILoggerFactory loggers) =>
        Guarded(loggers, async () =>
            Guid.TryParse(id, out var webhook) && await Registry(grains).Get(webhook) is { } view ? TypedResults.Ok(view) : NotFound(id));

    private static Task<IResult> Delete(string id, IGrainFactory grains, ILoggerFactory loggers) =>
        Guarded(loggers, async () =>
            Guid.TryParse(id, out var webhook) && await Registry(grains).Delete(webhook) ? TypedResults.NoContent() : NotFound(id));

    private static Task<IResult> Deliveries(string id, int? limit, IGrainFactory grains, ILoggerFactory loggers) =>
        Guarded(loggers, async () =>
        {
            var count = limit ?? DefaultDeliveries;
            if (count is < 1 or > MaxDeliveries) return Problems.Problems.Invalid("limit", $"must be between 1 and {MaxDeliveries}");
            return Guid.TryParse(id, out var webhook) && await Registry(grains).Deliveries(webhook, count) is { } deliveries
                ? TypedResults.Ok(deliveries)
                : NotFound(id);
        });

    private static IWebhookRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<IWebhookRegistryGrain>(0);

    private static IResult NotFound(string id) => Problems.Problems.From(CommandError.NotFound($"No webhook has id '{Keys.Clip(id)}'."));

    // The registry reads and writes PostgreSQL: an outage is transient, nothing was changed, and the client retries.
    private static async Task<IResult> Guarded(ILoggerFactory loggers, Func<Task<IResult>> handle)
    {
        try
        {
            return await handle();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            loggers.CreateLogger(typeof(WebhooksApi)).LogWarning(ex, "The webhook registry is unavailable");
            return Problems.Unavailable.Problem("Webhooks unavailable", "The webhook registry cannot be reached right now; retry shortly.");
        }
    }
}
