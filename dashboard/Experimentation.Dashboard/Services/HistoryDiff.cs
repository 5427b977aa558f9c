using System.Globalization;
using System.Text.Json;
using Experimentation.GrainInterfaces.Experiments;

namespace Experimentation.Dashboard.Services;

/// <summary>
/// Turns an experiment's stream into readable lines: for a definition change, each field that changed as
/// "path: old → new" against the definition before it; for any other event, its fields other than the time.
/// </summary>
public static class HistoryDiff
{
    /// <summary>One event as the history list shows it.</summary>
    public sealed record Line(long Version, string Type, DateTimeOffset Timestamp, string? Actor, IReadOnlyList<string> Changes);

    public static IReadOnlyList<Line> Describe(IEnumerable<HistoryEntry> entries)
    {
        var lines = new List<Line>();
        Dictionary<string, string>? definition = null;
        foreach (var e in entries)
        {
            using var data = JsonDocument.Parse(e.Data);
            var changes = new List<string>();
            if (Property(data.RootElement, "definition") is { } d)
            {
                var now = Flatten(d);
                if (definition is null) changes.Add("created with " + Summary(now));
                else changes.AddRange(Changed(definition, now));
                definition = now;
            }
            else if (data.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in data.RootElement.EnumerateObject())
                {
                    if (p.Name.Equals("at", StringComparison.OrdinalIgnoreCase)) continue;
                    // A nested record (a guardrail breach) reads as one line per field, like a definition.
                    if (p.Value.ValueKind is JsonValueKind.Object) changes.AddRange(Flatten(p.Value).Select(l => $"{Camel(p.Name)}.{l.Key}: {l.Value}"));
                    else changes.Add($"{Camel(p.Name)}: {Text(p.Value)}");
                }
            }
            lines.Add(new Line(e.Version, e.Type, e.Timestamp, e.Actor, changes));
        }
        return lines;
    }

    /// <summary>The fields that differ, in path order; an added or removed field shows as ∅ on its missing side.</summary>
    public static IEnumerable<string> Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Where(k => !before.TryGetValue(k, out var b) || !after.TryGetValue(k, out var a) || b != a)
            .Select(k => $"{k}: {before.GetValueOrDefault(k, "∅")} → {after.GetValueOrDefault(k, "∅")}");

    /// <summary>Every leaf of a JSON value by its path (variants[1].weight), with camelCase names whatever the stored case.</summary>
    public static Dictionary<string, string> Flatten(JsonElement root)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(root, "", leaves);
        return leaves;
    }

    private static void Walk(JsonElement e, string path, Dictionary<string, string> leaves)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject()) Walk(p.Value, path.Length == 0 ? Camel(p.Name) : $"{path}.{Camel(p.Name)}", leaves);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray()) Walk(item, $"{path}[{i++}]", leaves);
                if (i == 0) leaves[path] = "[]";
                break;
            default:
                leaves[path] = Text(e);
                break;
        }
    }

    private static string Summary(Dictionary<string, string> definition)
    {
        var variants = definition.Keys.Count(k => k.StartsWith("variants[", StringComparison.Ordinal) && k.EndsWith(".key", StringComparison.Ordinal));
        var metrics = definition.Keys.Count(k => k.StartsWith("metrics[", StringComparison.Ordinal) && k.EndsWith(".metricKey", StringComparison.Ordinal));
        return $"{variants} variants and {metrics} metrics";
    }

    private static JsonElement? Property(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object) return null;
        foreach (var p in e.EnumerateObject())
            if (p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        return null;
    }

    private static string Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() ?? "",
        JsonValueKind.Null => "null",
        JsonValueKind.Number => e.GetDouble().ToString(CultureInfo.InvariantCulture),
        _ => e.GetRawText(),
    };

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
