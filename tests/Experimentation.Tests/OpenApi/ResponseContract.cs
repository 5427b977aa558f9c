using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Experimentation.Tests.OpenApi;

/// <summary>
/// The OpenAPI document as a contract for real answers: the schema it declares for a request's path, method, status
/// and content type, and a JSON Schema 2020-12 evaluation of the body against it (JsonSchema.Net).
/// </summary>
public sealed class ResponseContract
{
    private static readonly Uri DocumentUri = new("https://experimentation.test/openapi/v1.json");
    private readonly JsonElement _document;
    private readonly SchemaRegistry _registry = new();
    private readonly List<(Regex Path, string Template)> _paths;

    private ResponseContract(JsonElement document)
    {
        _document = document;
        _registry.Register(new JsonElementBaseDocument(document, DocumentUri));
        _paths = document.GetProperty("paths").EnumerateObject()
            .Select(p => (new Regex("^" + Regex.Replace(Regex.Escape(p.Name), @"\\\{[^}]+}", "[^/]+") + "$"), p.Name))
            .ToList();
    }

    public static async Task<ResponseContract> LoadAsync(HttpClient http) =>
        new(JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json")).RootElement.Clone());

    /// <summary>Null when the response is what the document declares; otherwise what differs.</summary>
    public async Task<string?> CheckAsync(HttpResponseMessage response)
    {
        var request = response.RequestMessage!;
        var path = request.RequestUri!.AbsolutePath;
        var template = _paths.Where(p => p.Path.IsMatch(path)).Select(p => p.Template)
            // A literal segment wins over a parameter (/results/looks over /{key}).
            .OrderBy(t => t.Count(c => c == '{')).FirstOrDefault();
        var what = $"{request.Method} {path} → {(int)response.StatusCode}";
        if (template is null) return $"{what}: no path of the document matches";
        var method = request.Method.Method.ToLowerInvariant();
        if (!_document.GetProperty("paths").GetProperty(template).TryGetProperty(method, out var operation))
            return $"{what}: {template} has no {method}";
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!operation.GetProperty("responses").TryGetProperty(status, out var declared))
            return $"{what}: the document declares only {string.Join(", ", operation.GetProperty("responses").EnumerateObject().Select(r => r.Name))}";

        var body = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!declared.TryGetProperty("content", out var content))
            return body.Length == 0 ? null : $"{what}: the document declares no body, got {mediaType}";
        if (mediaType is null || !content.TryGetProperty(mediaType, out var media))
            return $"{what}: the document declares {string.Join(", ", content.EnumerateObject().Select(c => c.Name))}, got {mediaType}";
        if (!media.TryGetProperty("schema", out _)) return null;

        var pointer = $"#/paths/{Escape(template)}/{method}/responses/{status}/content/{Escape(mediaType)}/schema";
        var schema = JsonSchema.FromText($$"""{"$ref":"{{DocumentUri}}{{pointer}}"}""", new BuildOptions { SchemaRegistry = _registry });
        var result = schema.Evaluate(JsonDocument.Parse(body).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return null;
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{d.InstanceLocation} ({d.EvaluationPath}): {string.Join("; ", d.Errors!.Values)}").Take(8);
        return $"{what} does not match {pointer}:\n  {string.Join("\n  ", errors)}\n  body: {Clip(body)}";
    }

    // A JSON Pointer segment, percent-encoded for the URI fragment ('+' in application/problem+json would read as a space).
    private static string Escape(string segment) => Uri.EscapeDataString(segment.Replace("~", "~0").Replace("/", "~1"));

    private static string Clip(string body) => body.Length <= 600 ? body : body[..600] + "…";
}
