using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Experimentation.Gateway.OpenApi;

/// <summary>
/// Makes every nullable property accept null exactly once. The generator writes a nullable property as
/// <c>oneOf [null, X]</c>, and oneOf wants exactly one branch to match; null matched both when X accepts null too:
/// <list type="bullet">
/// <item>an enum the generator first met as a nullable property lists null among its values: null is taken out of the
/// enum;</item>
/// <item>a JsonElement property references a schema that accepts any JSON, null included: the property becomes that
/// reference alone.</item>
/// </list>
/// </summary>
public sealed class NullableSchemasTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schemas = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var schema in schemas.Values.OfType<OpenApiSchema>())
        {
            if (schema.Enum is not { Count: > 0 } values || !values.Any(IsNull)) continue;
            schema.Enum = values.Where(v => !IsNull(v)).ToList();
            if (schema.Type is { } type) schema.Type = type & ~JsonSchemaType.Null;
        }

        var anyJson = schemas.Where(s => s.Value is OpenApiSchema { Type: null, Enum: null or { Count: 0 }, Properties: null or { Count: 0 },
                OneOf: null or { Count: 0 }, AnyOf: null or { Count: 0 }, AllOf: null or { Count: 0 } })
            .Select(s => s.Key).ToHashSet();
        foreach (var schema in schemas.Values.OfType<OpenApiSchema>())
            foreach (var (name, property) in schema.Properties?.ToList() ?? [])
                if (property is OpenApiSchema { OneOf: [OpenApiSchema { Type: JsonSchemaType.Null }, OpenApiSchemaReference target] }
                    && target.Reference.Id is { } id && anyJson.Contains(id))
                    schema.Properties![name] = target;
        return Task.CompletedTask;
    }

    private static bool IsNull(System.Text.Json.Nodes.JsonNode? value) => value is null || value.GetValueKind() == JsonValueKind.Null;
}
