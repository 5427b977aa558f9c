using System.Text.Json;
using Experimentation.Gateway.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Experimentation.Tests.OpenApi;

/// <summary>Two response types of the same name get two schemas, each with its own shape, instead of sharing one.</summary>
public sealed class SchemaIdTests
{
    public sealed record Srm(double ChiSquared);

    public static class Reports
    {
        public sealed record Srm(bool Flagged, string Verdict);
    }

    [Fact]
    public async Task TypesOfTheSameNameGetSeparateSchemas()
    {
        var web = WebApplication.CreateSlimBuilder();
        web.WebHost.UseUrls("http://127.0.0.1:0");
        web.Services.AddExperimentationOpenApi();
        await using var app = web.Build();
        app.MapOpenApi();
        app.MapGet("/a", () => TypedResults.Ok(new Srm(1)));
        app.MapGet("/b", () => TypedResults.Ok(new Reports.Srm(true, "ok")));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json")).RootElement;

        var schemas = document.GetProperty("components").GetProperty("schemas");
        string Ref(string path) => document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!.Split('/')[^1];
        Assert.NotEqual(Ref("/a"), Ref("/b"));
        Assert.True(schemas.GetProperty(Ref("/a")).GetProperty("properties").TryGetProperty("chiSquared", out _));
        Assert.True(schemas.GetProperty(Ref("/b")).GetProperty("properties").TryGetProperty("verdict", out _));
        await app.StopAsync();
    }
}
