using Experimentation.Gateway.Contracts.Power;
using Experimentation.Gateway.Power;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Experimentation.Gateway.Apis;

/// <summary>The pre-launch calculator: required sample size for an MDE, and the MDE for a sample size.</summary>
public static class PowerApi
{
    public static RouteHandlerBuilder MapPowerApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/power", Calculate).WithTags("Analysis").WithName("CalculatePower")
            .WithSummary("Required n per arm for an MDE, and the MDE (and power) for a given n per arm")
            .Produces<PowerResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private static IResult Calculate(PowerRequest request) =>
        PowerCalculation.Answer(request, out var response) is { } error ? error.ToProblem() : TypedResults.Ok(response);
}
