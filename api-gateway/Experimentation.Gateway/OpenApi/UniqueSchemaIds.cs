using System.Collections.Concurrent;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;

namespace Experimentation.Gateway.OpenApi;

/// <summary>
/// Schema ids that never merge two types. The generator names a schema by its type's name alone, so two types of the
/// same name in different namespaces (a gateway contract and a statistics report, say) collapsed into one schema, and
/// one of them was then documented with the other's shape. The first type keeps the plain name; another type of that
/// name is prefixed with its declaring type or the last segment of its namespace.
/// </summary>
public sealed class UniqueSchemaIds
{
    private readonly ConcurrentDictionary<string, Type> _owners = new(StringComparer.Ordinal);

    public string? For(JsonTypeInfo info)
    {
        var id = OpenApiOptions.CreateDefaultSchemaReferenceId(info);
        if (id is null) return null;
        var owner = _owners.GetOrAdd(id, info.Type);
        if (owner == info.Type) return id;
        var prefix = info.Type.DeclaringType?.Name ?? info.Type.Namespace?.Split('.')[^1] ?? "Other";
        return For(id, prefix + id, info.Type);
    }

    // The prefixed id could itself be taken; a further prefix keeps it apart.
    private string For(string id, string candidate, Type type)
    {
        while (true)
        {
            var owner = _owners.GetOrAdd(candidate, type);
            if (owner == type) return candidate;
            candidate = "Other" + candidate;
        }
    }
}
