using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Experimentation.Gateway.OpenApi;

/// <summary>The document's title, licence, tags with their descriptions, and the bearer security scheme.</summary>
public sealed class ProductDocumentTransformer : IOpenApiDocumentTransformer
{
    /// <summary>The security scheme's name in components.securitySchemes.</summary>
    public const string BearerScheme = "bearer";

    /// <summary>Every tag the endpoints use, with what it groups; a tag missing here has no description.</summary>
    public static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>
    {
        ["Experiments"] = "Experiment definitions and their lifecycle: draft, start, pause, resume, conclude, archive, traffic and history.",
        ["Results"] = "Live results: the analysis grain's report, its persisted looks and the sequential boundary chart.",
        ["Metrics"] = "The metric registry that experiments bind their primary, guardrail and informational metrics from.",
        ["Namespaces"] = "Layers of slots that keep experiments in the same namespace from sharing users.",
        ["Config"] = "The versioned bundle of running experiments that services assign from, by polling or Server-Sent Events.",
        ["Assignment"] = "A user's variant for thin HTTP clients, from the same bundle and hash the SDKs use.",
        ["Analysis"] = "Warehouse mode and planning: results from sufficient statistics the caller holds, and power calculations.",
        ["Events"] = "Exposure and metric ingestion, acknowledged once durable and counted exactly once by event id.",
        ["Webhooks"] = "Signed alert webhooks and their delivery log.",
        ["Settings"] = "Installation settings: whether experiments need a review before they start, for everyone or per team.",
        ["Teams"] = "The teams that own experiments and metrics.",
        ["Users"] = "The people keys are issued to; deleting a user revokes their keys.",
        ["Keys"] = "API keys with one role each, shown once and stored only as a SHA-256 hash.",
        ["Audit"] = "Every change across experiments, metrics, namespaces, settings and identity, with its actor, newest first.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Experimentation API",
            Version = "v1",
            Description = "The HTTP API of the Experimentation platform: experiments and their lifecycle, metrics, namespaces, " +
                "assignment config, event ingestion, live results, warehouse analysis and webhooks. Errors are RFC 7807 " +
                "ProblemDetails. Send an API key as `Authorization: Bearer <key>`.",
            License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
        };
        // The server is the address the document was requested at, without the trailing slash clients would double.
        foreach (var server in document.Servers ?? [])
            if (server.Url is { Length: > 1 } url) server.Url = url.TrimEnd('/');

        document.Tags = new HashSet<OpenApiTag>(document.Tags ?? new HashSet<OpenApiTag>(), new TagByName());
        foreach (var (name, description) in Tags)
        {
            document.Tags.Remove(new OpenApiTag { Name = name });
            document.Tags.Add(new OpenApiTag { Name = name, Description = description });
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key of the platform, sent as `Authorization: Bearer <key>`.",
        };
        return Task.CompletedTask;
    }

    private sealed class TagByName : IEqualityComparer<OpenApiTag>
    {
        public bool Equals(OpenApiTag? x, OpenApiTag? y) => x?.Name == y?.Name;

        public int GetHashCode(OpenApiTag obj) => obj.Name?.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
