using System.Text.Json;
using Experimentation.Tests.Infrastructure;

namespace Experimentation.Tests.OpenApi;

/// <summary>
/// What a generated client relies on beyond Redocly's errors: the product's title, the bearer scheme on every operation,
/// a description on every tag, and the 401, 403, 429 and 503 answers on every operation.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DocumentShapeTests(PlatformFixture platform)
{
    [Fact]
    public async Task EveryOperationNeedsTheBearerKeyAndListsTheStandardErrors()
    {
        var document = JsonDocument.Parse(await platform.Http.GetStringAsync("/openapi/v1.json")).RootElement;

        Assert.Equal("Experimentation API", document.GetProperty("info").GetProperty("title").GetString());
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var described = document.GetProperty("tags").EnumerateArray()
            .Where(t => !string.IsNullOrWhiteSpace(t.GetProperty("description").GetString())).Select(t => t.GetProperty("name").GetString()).ToHashSet();
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Name: $"{o.Name.ToUpperInvariant()} {p.Name}", Operation: o.Value))).ToList();
        Assert.True(operations.Count >= 30, $"only {operations.Count} operations");
        foreach (var (name, operation) in operations)
        {
            Assert.True(operation.GetProperty("security").EnumerateArray().Any(r => r.TryGetProperty("bearer", out _)), $"{name} has no bearer requirement");
            var responses = operation.GetProperty("responses");
            foreach (var status in new[] { "401", "403", "429", "503" })
                Assert.True(responses.TryGetProperty(status, out _), $"{name} does not list {status}");
            foreach (var tag in operation.GetProperty("tags").EnumerateArray())
                Assert.Contains(tag.GetString(), described);
        }
    }
}
