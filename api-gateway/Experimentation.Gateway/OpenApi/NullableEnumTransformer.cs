using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Experimentation.Gateway.OpenApi;

/// <summary>
/// Takes null out of the enum schemas. The generator lists null among an enum's values when it first meets the enum as
/// a nullable property, and also writes that property as <c>oneOf [null, enum]</c>; null then matches both branches,
/// and a validator refuses every null the endpoint sends (oneOf wants exactly one match).
/// </summary>
public sealed class NullableEnumTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var schema in (document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>()).Values.OfType<OpenApiSchema>())
        {
            if (schema.Enum is not { Count: > 0 } values || !values.Any(v => v is null || v.GetValueKind() == JsonValueKind.Null)) continue;
            schema.Enum = values.Where(v => v is not null && v.GetValueKind() != JsonValueKind.Null).ToList();
            if (schema.Type is { } type) schema.Type = type & ~JsonSchemaType.Null;
        }
        return Task.CompletedTask;
    }
}
