using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;

namespace Experimentation.Gateway.OpenApi;

/// <summary>
/// The OpenAPI document a generated client can trust: the product named, the bearer scheme on every operation, the
/// error answers every operation can give, and schemas that accept exactly what the endpoints send.
/// </summary>
public static class OpenApiSetup
{
    /// <summary>The document's name: it is served at /openapi/v1.json.</summary>
    public const string DocumentName = "v1";

    public static IServiceCollection AddExperimentationOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.CreateSchemaReferenceId = new UniqueSchemaIds().For;
            options.AddDocumentTransformer<ProductDocumentTransformer>();
            options.AddDocumentTransformer<NullableSchemasTransformer>();
            options.AddOperationTransformer<StandardResponsesTransformer>();
        });
}
