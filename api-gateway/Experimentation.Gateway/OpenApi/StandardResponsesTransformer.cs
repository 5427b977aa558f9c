using Experimentation.Gateway.Problems;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Experimentation.Gateway.OpenApi;

/// <summary>
/// What every operation can answer besides its own results: it needs the bearer key (401), the key's role or team
/// may not allow it (403), the key may be over its rate limit (429), and a dependency may be down (503). Each is a
/// ProblemDetails; 429 and 503 say when to retry.
/// </summary>
public sealed class StandardResponsesTransformer : IOpenApiOperationTransformer
{
    private static readonly (string Status, string Description, bool RetryAfter)[] Standard =
    [
        ("401", "No API key, or one that is unknown, expired or revoked: send `Authorization: Bearer <key>`.", false),
        ("403", "The key's role or team may not do this; the problem names the role or team required.", false),
        ("429", "The key sent too many requests; retry after Retry-After seconds.", true),
        ("503", "A dependency (PostgreSQL, the silo) is unavailable and nothing was changed; retry after Retry-After seconds.", true),
    ];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document ?? throw new InvalidOperationException("The operation has no document.");
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ProductDocumentTransformer.BearerScheme, document)] = [] },
        ];
        operation.Responses ??= new OpenApiResponses();
        foreach (var (status, description, retryAfter) in Standard)
        {
            if (operation.Responses.ContainsKey(status)) continue;
            var response = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
                },
            };
            if (retryAfter)
                response.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = new OpenApiHeader
                    {
                        Description = $"Seconds to wait before retrying ({Unavailable.RetryAfterSeconds} for an outage).",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    },
                };
            operation.Responses[status] = response;
        }
        return Task.CompletedTask;
    }
}
